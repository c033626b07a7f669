package dev.tide.scaler.azurequeue.azurite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Installs Azurite from npm into a git-ignored folder, once per version. The build runs it before the
 * integration tests ({@code exec:java} in {@code pre-integration-test}); it needs Node.js and npm on the path.
 */
public final class AzuriteInstaller {

    static final String INSTALL_HINT = "Node.js and npm are needed to install and run Azurite (the Azure Storage "
            + "emulator) for the integration tests. On Debian or Ubuntu: apt-get install nodejs npm";

    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");

    private AzuriteInstaller() {
    }

    /** Arguments: the install folder and the Azurite version. */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: AzuriteInstaller <install folder> <azurite version>");
        }
        install(Path.of(args[0]).toAbsolutePath().normalize(), args[1]);
    }

    static void install(Path folder, String version) throws IOException, InterruptedException {
        requireTool("node");
        Optional<String> installed = installedVersion(folder);
        if (installed.equals(Optional.of(version))) {
            System.out.println("Azurite " + version + " is already installed in " + folder);
            return;
        }
        requireTool("npm");
        System.out.println("Installing Azurite " + version + " into " + folder
                + installed.map(old -> " (replacing " + old + ")").orElse(""));
        Files.createDirectories(folder);
        List<String> command = List.of("npm", "install", "--no-audit", "--no-fund", "--prefix", folder.toString(),
                "azurite@" + version);
        int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (exit != 0 || !installedVersion(folder).equals(Optional.of(version))) {
            throw new IllegalStateException("'" + String.join(" ", command) + "' failed (exit " + exit
                    + "); Azurite " + version + " is needed for the integration tests");
        }
    }

    /** The Azurite version installed in {@code folder}, if any. */
    static Optional<String> installedVersion(Path folder) throws IOException {
        Path packageJson = packageFolder(folder).resolve("package.json");
        if (!Files.isRegularFile(packageJson)) {
            return Optional.empty();
        }
        Matcher matcher = VERSION.matcher(Files.readString(packageJson, StandardCharsets.UTF_8));
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    static Path packageFolder(Path folder) {
        return folder.resolve("node_modules").resolve("azurite");
    }

    private static void requireTool(String tool) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("'" + tool + " --version' failed. " + INSTALL_HINT);
            }
        } catch (IOException e) {
            throw new IllegalStateException("'" + tool + "' was not found on the PATH. " + INSTALL_HINT, e);
        }
    }
}
