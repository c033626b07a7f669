package dev.tide.scaler.redis.testing;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Redis (Debian's {@code redis-server}) started as a child process of the test JVM on a free loopback port,
 * without persistence ({@code --save "" --appendonly no}), its working folder under the build's target folder, with
 * a password when asked. {@link #cli} asks the server itself through {@code redis-cli}, the reference the tests
 * compare the scaler's values with.
 */
public final class RedisServer implements AutoCloseable {

    public static final String INSTALL = "apt-get install -y --no-install-recommends redis-server redis-tools";

    private static final class Shared {
        private static final RedisServer NO_PASSWORD = start(Optional.empty());
    }

    private final List<String> extraArguments;
    private final Optional<String> sentinelConfig;
    private final Optional<String> password;
    private final Path folder;
    private final int port;
    private Process process;

    private RedisServer(int port, Optional<String> password, Path folder, List<String> extraArguments,
            Optional<String> sentinelConfig) {
        this.port = port;
        this.password = password;
        this.folder = folder;
        this.extraArguments = extraArguments;
        this.sentinelConfig = sentinelConfig;
    }

    /** One server without a password for every test class of this JVM, stopped when the JVM ends. */
    public static RedisServer shared() {
        return Shared.NO_PASSWORD;
    }

    /** A server of one's own (to stop it, or with {@code requirepass}); stopped by {@link #close} or at JVM exit. */
    public static RedisServer start(Optional<String> password) {
        return start(password, List.of());
    }

    /**
     * @param extraArguments more {@code redis-server} options, e.g. {@code --cluster-enabled yes}
     * @throws IllegalStateException naming the install command when the binary is missing: the tests never skip
     */
    public static RedisServer start(Optional<String> password, List<String> extraArguments) {
        return start(password, extraArguments, Optional.empty());
    }

    /**
     * A Redis Sentinel ({@code redis-server <config> --sentinel}) watching {@code master} under {@code masterName},
     * with a quorum of one; it authenticates to the master with the master's password.
     */
    public static RedisServer sentinel(RedisServer master, String masterName) {
        String config = "sentinel monitor " + masterName + " 127.0.0.1 " + master.port() + " 1\n"
                + master.password.map(secret -> "sentinel auth-pass " + masterName + " " + secret + "\n").orElse("");
        RedisServer sentinel = start(Optional.empty(), List.of(), Optional.of(config));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> sentinel
                .cli("SENTINEL", "GET-MASTER-ADDR-BY-NAME", masterName).contains(Integer.toString(master.port())));
        return sentinel;
    }

    private static RedisServer start(Optional<String> password, List<String> extraArguments,
            Optional<String> sentinelConfig) {
        binary("redis-server");
        try {
            // Absolute: redis-server changes into --dir before it opens --logfile.
            Path work = Files.createDirectories(Path.of(System.getProperty("tide.redis.work", "target/redis")).toAbsolutePath());
            RedisServer server = new RedisServer(freePort(), password, Files.createTempDirectory(work, "run-"),
                    List.copyOf(extraArguments), sentinelConfig);
            server.launch();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:<port>}, as a trigger's {@code address}. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** Runs {@code redis-cli} against this server (authenticated when it has a password) and returns its output, trimmed. */
    public String cli(String... arguments) {
        List<String> command = new ArrayList<>(List.of(binary("redis-cli").toString(), "-h", "127.0.0.1", "-p",
                Integer.toString(port)));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        password.ifPresent(secret -> builder.environment().put("REDISCLI_AUTH", secret));
        try {
            Process cli = builder.start();
            String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!cli.waitFor(30, TimeUnit.SECONDS)) {
                cli.destroyForcibly();
                throw new IllegalStateException("redis-cli " + String.join(" ", arguments) + " did not finish");
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A number redis-cli printed, such as {@code LLEN}'s. */
    public long cliLong(String... arguments) {
        String output = cli(arguments);
        try {
            return Long.parseLong(output.replace("(integer)", "").trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("redis-cli " + String.join(" ", arguments) + " printed " + output);
        }
    }

    /** {@code connected_clients} from {@code INFO clients}: how many connections the server holds now (this cli's included). */
    public int connectedClients() {
        for (String line : cli("INFO", "clients").split("\n")) {
            if (line.startsWith("connected_clients:")) {
                return Integer.parseInt(line.substring("connected_clients:".length()).trim());
            }
        }
        throw new IllegalStateException("INFO clients has no connected_clients");
    }

    /** Stops the server; {@link #restart} brings it back on the same port, empty. */
    public synchronized void stop() {
        Process running = process;
        if (running == null) {
            return;
        }
        running.destroy();
        try {
            if (!running.waitFor(10, TimeUnit.SECONDS)) {
                running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            running.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public synchronized void restart() {
        stop();
        launch();
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void launch() {
        List<String> command = new ArrayList<>(List.of(binary("redis-server").toString()));
        if (sentinelConfig.isPresent()) {
            // A sentinel rewrites its configuration file, so the file is written once and must be writable.
            Path config = folder.resolve("sentinel.conf");
            try {
                if (!Files.exists(config)) {
                    Files.writeString(config, sentinelConfig.get());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            command.addAll(List.of(config.toString(), "--sentinel"));
        }
        command.addAll(List.of("--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", folder.toString(),
                "--daemonize", "no", "--logfile", folder.resolve("redis.log").toString()));
        password.ifPresent(secret -> command.addAll(List.of("--requirepass", secret)));
        command.addAll(extraArguments);
        try {
            Process started = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(folder.resolve("stdout.log").toFile()).start();
            process = started;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process started = process;
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (!started.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + started.exitValue() + ":\n"
                        + Files.readString(folder.resolve("stdout.log")) + Files.readString(folder.resolve("redis.log")));
            }
            return cli("PING").equals("PONG");
        });
    }

    private static Path binary(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("") + File.pathSeparator + "/usr/bin";
        return Stream.of(path.split(File.pathSeparator)).map(folder -> Path.of(folder, name))
                .filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException(
                        name + " is not on the PATH; these tests run against a real Redis: " + INSTALL));
    }

    /** A port free on this host now, for a server or an extra listener (a TLS port) a test starts. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
