package dev.tide.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * A real Prometheus (Debian's {@code prometheus} package) started as a child process on a free loopback port, its
 * TSDB in the run folder, scraping every second the sandbox's own endpoint, which exports the producer's count as the
 * counter {@value #PRODUCED}.
 */
final class PrometheusProcess implements AutoCloseable {

    /** The counter the sandbox exports: messages the producer has sent. */
    static final String PRODUCED = "sandbox_produced_messages_total";
    /** What to run when the binary is missing. */
    static final String INSTALL = "apt-get install prometheus";
    /** How long Prometheus may take to start and scrape the endpoint once. */
    static final Duration START_WAIT = Duration.ofSeconds(30);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final HttpServer endpoint;
    private final Process process;
    private final Path log;
    private final URI address;

    private PrometheusProcess(HttpServer endpoint, Process process, Path log, URI address) {
        this.endpoint = endpoint;
        this.process = process;
        this.log = log;
        this.address = address;
    }

    /**
     * The {@code prometheus} binary on the PATH (or in {@code /usr/bin}).
     *
     * @throws SandboxException naming the install command when it is missing: the scenario never runs without it
     */
    static Path binary() {
        return binary(Optional.ofNullable(System.getenv("PATH")).orElse("") + File.pathSeparator + "/usr/bin");
    }

    /** The {@code prometheus} binary in one of the folders of {@code searchPath} (separated as the PATH is). */
    static Path binary(String searchPath) {
        return Stream.of(searchPath.split(File.pathSeparator)).filter(folder -> !folder.isEmpty())
                .map(folder -> Path.of(folder, "prometheus")).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new SandboxException("the prometheus binary is not on the PATH; --scenario combined "
                        + "runs a real Prometheus: install it with " + INSTALL));
    }

    /**
     * Serves {@code produced} on a free loopback port, starts Prometheus scraping it every second, and waits until it
     * has scraped it once.
     *
     * @param dir where the configuration and the TSDB go
     * @param log Prometheus' output
     */
    static PrometheusProcess start(Path dir, Path log, LongSupplier produced, Clock clock) {
        Path binary = binary();
        HttpServer endpoint = exporter(produced);
        try {
            Files.createDirectories(dir);
            Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    scrape_configs:
                      - job_name: sandbox
                        static_configs: [{targets: ['127.0.0.1:%d']}]
                    """.formatted(endpoint.getAddress().getPort()));
            int port = Environment.freePort();
            Process process = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=warn")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            // Ctrl-C ends the JVM without closing the environment: the child must not outlive it.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "prometheus-stop"));
            PrometheusProcess prometheus = new PrometheusProcess(endpoint, process, log, URI.create("http://127.0.0.1:" + port));
            prometheus.awaitFirstScrape(clock);
            return prometheus;
        } catch (IOException e) {
            endpoint.stop(0);
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: the prometheus trigger's {@code serverAddress}. */
    URI address() {
        return address;
    }

    private void awaitFirstScrape(Clock clock) {
        Instant giveUp = clock.instant().plus(START_WAIT);
        while (!query("count(up{job=\"sandbox\"} == 1)").contains("\"1\"]")) {
            if (!process.isAlive() || clock.instant().isAfter(giveUp)) {
                String exited = process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")";
                String output = readLog();
                close();
                throw new SandboxException("prometheus did not scrape the sandbox within " + START_WAIT.toSeconds()
                        + " s" + exited + ": " + output);
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    /** Prometheus' answer to an instant query, or empty when it cannot be read. */
    String query(String promql) {
        try {
            return HTTP.send(HttpRequest.newBuilder(address.resolve("/api/v1/query?query="
                    + URLEncoder.encode(promql, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private String readLog() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The exposition Prometheus scrapes: the producer's count as a counter. */
    static String exposition(long produced) {
        return "# HELP " + PRODUCED + " Messages the sandbox's producer has sent.\n# TYPE " + PRODUCED + " counter\n"
                + PRODUCED + " " + produced + "\n";
    }

    private static HttpServer exporter(LongSupplier produced) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/metrics", exchange -> answer(exchange, exposition(produced.getAsLong())));
            server.setExecutor(null);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void answer(HttpExchange exchange, String text) throws IOException {
        try (exchange) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
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
        endpoint.stop(0);
    }
}
