package dev.tide.scaler.sql.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the database test servers share: free ports, Debian's binaries, running as root, child processes. */
final class LocalProcess {

    private LocalProcess() {
    }

    /** CI runs as root; PostgreSQL refuses to, and MariaDB needs to be told. */
    static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** @throws IllegalStateException naming the install command: the tests never skip */
    static Path binary(Path binary, String install) {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(binary + " is missing; these tests run against a real server: " + install);
        }
        return binary;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh folder every user can traverse (PostgreSQL's user must reach its data below it). */
    static Path folder(Path parent, String prefix) {
        try {
            Files.createDirectories(parent);
            Path folder = Files.createTempDirectory(parent, prefix);
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a server's folder after it stopped (best effort: it runs in a shutdown hook). */
    static void delete(Path folder) {
        try (java.util.stream.Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Left for the next mvn clean, or the system's /tmp cleaning.
        }
    }

    /** Runs {@code command} to the end, output in {@code log}; a non-zero exit fails with the log. */
    static void run(List<String> command, Path log) {
        Process process = start(command, log);
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Process start(List<String> command, Path log) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code command}, run as {@code user} through {@code runuser} when this JVM is root. */
    static List<String> as(String user, List<String> command) {
        if (!root()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", user, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Stops the server gently (SIGTERM: both servers shut down cleanly on it), forcibly after 20 s. */
    static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
