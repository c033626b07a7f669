package dev.tide.scaler.azurequeue.azurite;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts Azurite's queue service for one test class on a free port of 127.0.0.1, in memory and with telemetry off,
 * and stops it after the class. Register it on a static field:
 * <pre>{@code @RegisterExtension static final AzuriteExtension AZURITE = new AzuriteExtension();}</pre>
 *
 * <p>Azurite comes from {@link AzuriteInstaller} (run by the build); its folder is the system property
 * {@value #DIR_PROPERTY}, else {@code .tools/azurite} in the enclosing Maven project.
 */
public final class AzuriteExtension implements BeforeAllCallback, AfterAllCallback {

    public static final String DIR_PROPERTY = "tide.azurite.dir";
    /** Azurite's well-known development account; its key is public and documented, not a secret. */
    public static final String ACCOUNT_NAME = "devstoreaccount1";
    public static final String ACCOUNT_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static final Duration STARTUP = Duration.ofSeconds(60);

    private Process process;
    private int port;
    private Path log;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Path main = AzuriteInstaller.packageFolder(installFolder())
                .resolve("dist").resolve("src").resolve("queue").resolve("main.js");
        if (!Files.isRegularFile(main)) {
            throw new IllegalStateException("Azurite is not installed in " + installFolder() + ". The build installs it"
                    + " before the integration tests: ./mvnw -pl scaler-azure-queue verify. "
                    + AzuriteInstaller.INSTALL_HINT);
        }
        port = freePort();
        Path work = Files.createDirectories(Path.of("target", "azurite"));
        log = work.resolve(context.getRequiredTestClass().getSimpleName() + ".log");
        List<String> command = List.of("node", main.toString(), "--queueHost", "127.0.0.1",
                "--queuePort", Integer.toString(port), "--inMemoryPersistence", "--disableTelemetry");
        try {
            process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start Azurite with node. " + AzuriteInstaller.INSTALL_HINT, e);
        }
        await("Azurite listening on 127.0.0.1:" + port)
                .atMost(STARTUP)
                .pollInterval(Duration.ofMillis(100))
                .until(this::listening);
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }

    public int port() {
        return port;
    }

    /** The queue service endpoint of the development account, e.g. {@code http://127.0.0.1:PORT/devstoreaccount1}. */
    public String queueEndpoint() {
        return "http://127.0.0.1:" + port + "/" + ACCOUNT_NAME;
    }

    /** A connection string for the development account. */
    public String connectionString() {
        return connectionString(ACCOUNT_KEY);
    }

    /** A connection string for the development account with another key (for example a wrong one). */
    public String connectionString(String accountKey) {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT_NAME + ";AccountKey=" + accountKey
                + ";QueueEndpoint=" + queueEndpoint() + ";";
    }

    private boolean listening() throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("Azurite exited with " + process.exitValue() + ":\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static Path installFolder() {
        String configured = System.getProperty(DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        // Run from an IDE: find the reactor root (the folder holding .mvn) above the working directory.
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".mvn"))) {
                return dir.resolve(".tools").resolve("azurite");
            }
        }
        throw new IllegalStateException("set -D" + DIR_PROPERTY + " to Azurite's install folder");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
