package dev.tide.scaler.prometheus.testing;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * A real Prometheus (Debian's {@code prometheus} package) started as a child process on a free loopback port, its
 * TSDB under the build's target folder, scraping every second two jobs of an in-test endpoint: {@code tide} serves
 * what {@link #expose} sets, {@code tide-second} one constant series (so {@code up} has two series).
 */
public final class PrometheusServer implements AutoCloseable {

    public static final String INSTALL = "apt-get install -y --no-install-recommends prometheus";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final Path log;
    private final URI address;
    private final TestHttpServer targets;
    private final AtomicReference<String> exposition;

    private PrometheusServer(Process process, Path log, URI address, TestHttpServer targets, AtomicReference<String> exposition) {
        this.process = process;
        this.log = log;
        this.address = address;
        this.targets = targets;
        this.exposition = exposition;
    }

    /**
     * Starts Prometheus and waits until it has scraped both jobs once.
     *
     * @throws IllegalStateException naming the install command when the binary is missing: the tests never skip
     */
    public static PrometheusServer start(String initialExposition) {
        Path binary = binary().orElseThrow(() -> new IllegalStateException(
                "the prometheus binary is not on the PATH; these tests run against a real Prometheus: " + INSTALL));
        AtomicReference<String> exposition = new AtomicReference<>(initialExposition);
        TestHttpServer targets = TestHttpServer.http(request -> new TestHttpServer.Answer(200,
                request.uri().getPath().equals("/second") ? "tide_second 1\n" : exposition.get(),
                java.util.Map.of("Content-Type", "text/plain; version=0.0.4")));
        try {
            Path work = Files.createDirectories(Path.of(System.getProperty("tide.prometheus.work", "target/prometheus")));
            Path run = Files.createTempDirectory(work, "run-");
            Path config = Files.writeString(run.resolve("prometheus.yml"), """
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    scrape_configs:
                      - job_name: tide
                        static_configs: [{targets: ['127.0.0.1:%1$d']}]
                      - job_name: tide-second
                        metrics_path: /second
                        static_configs: [{targets: ['127.0.0.1:%1$d']}]
                    """.formatted(targets.port()));
            int port = freePort();
            Path log = run.resolve("prometheus.log");
            Process process = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + run.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=warn")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            PrometheusServer server = new PrometheusServer(process, log, URI.create("http://127.0.0.1:" + port), targets, exposition);
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            server.awaitResult("count(up == 1)", "2");
            return server;
        } catch (IOException e) {
            targets.close();
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI address() {
        return address;
    }

    /** What job {@code tide} scrapes from now on (Prometheus text format). */
    public void expose(String text) {
        exposition.set(text);
    }

    /**
     * Waits until {@code query}'s single value reads {@code value} at the current second, truncated, as the scaler asks
     * (KEDA's {@code time}): a sample scraped within the current second is not there yet for it. Fails with Prometheus'
     * log if it died.
     */
    public void awaitResult(String query, String value) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            return answer(query).contains("\"" + value + "\"]");
        });
    }

    private String answer(String query) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(address.resolve("/api/v1/query?query="
                    + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8)
                    + "&time=" + java.time.Instant.now().getEpochSecond())).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        targets.close();
    }

    private static Optional<Path> binary() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("") + File.pathSeparator + "/usr/bin";
        return Stream.of(path.split(File.pathSeparator)).map(folder -> Path.of(folder, "prometheus"))
                .filter(Files::isExecutable).findFirst();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
