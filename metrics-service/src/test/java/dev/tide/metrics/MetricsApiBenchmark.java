package dev.tide.metrics;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Load harness for one hot metric, run on demand (never by the test command):
 * {@code metrics-service/run-benchmark.sh}. It starts a stub controller that answers instantly, the
 * metrics service in this JVM on its TLS port, and an open-loop load generator presenting the
 * aggregator's client certificate. Latency is measured from each request's scheduled start, so a
 * stalled server cannot hide its queueing (no coordinated omission).
 *
 * <p>System properties: {@code rate} (requests/s, default 2000), {@code warmup} and {@code duration}
 * (seconds, default 20 and 30), {@code connections} (default 16), {@code closedLoop} (workers for an
 * extra saturation run, default 0 = skip).
 */
final class MetricsApiBenchmark {

    private static final String CONTROLLER_ANSWER = """
            {"namespace":"default","scaledObject":"orders","metricName":"s0-kafka-orders",
             "values":[{"metricName":"s0-kafka-orders","value":"2500m","timestamp":"2026-11-29T07:52:10.123Z"}],
             "fromLastPoll":true,"fallback":false}""";

    private MetricsApiBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rate = Integer.getInteger("rate", 2000);
        int warmup = Integer.getInteger("warmup", 20);
        int duration = Integer.getInteger("duration", 30);
        int connections = Integer.getInteger("connections", 16);
        int closedLoop = Integer.getInteger("closedLoop", 0);

        Path pki = Files.createTempDirectory("tide-bench-pki");
        TestPki serving = TestPki.authority("bench-serving-ca");
        TestPki requestHeader = TestPki.authority("bench-front-proxy-ca");
        serving.server("tide-metrics-service").writePem(pki, "tls");
        requestHeader.writeCertificate(pki, "requestheader-client-ca");
        // The stub controller speaks plain HTTP; the default controller bundle still needs its files.
        serving.writeCertificate(pki, "controller-ca");
        serving.client("tide-metrics-service").writePem(pki, "controller-client");

        HttpServer controller = stubController();
        ConfigurableApplicationContext service;
        try {
            service = new SpringApplicationBuilder(MetricsServiceApplication.class).run(
                    "--server.port=0", "--management.server.port=0",
                    "--tide.metrics.cert-dir=" + pki,
                    "--tide.metrics.controller.endpoints=http://127.0.0.1:" + controller.getAddress().getPort(),
                    "--tide.metrics.controller.ssl-bundle=",
                    "--logging.level.root=WARN");
        } catch (RuntimeException e) {
            controller.stop(0);
            throw e;
        }
        int port = service.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        URI uri = URI.create("https://localhost:" + port
                + "/apis/external.metrics.k8s.io/v1beta1/namespaces/default/s0-kafka-orders?labelSelector="
                + URLEncoder.encode("scaledobject.keda.sh/name=orders", StandardCharsets.UTF_8));
        ExecutorService clientThreads = Executors.newFixedThreadPool(2);
        HttpClient client = HttpClient.newBuilder()
                .sslContext(serving.clientContext(requestHeader.client("front-proxy-client")))
                .version(HttpClient.Version.HTTP_1_1)
                .executor(clientThreads)
                .build();
        HttpRequest request = HttpRequest.newBuilder(uri).header("X-Remote-User", "system:kube-controller-manager")
                .timeout(Duration.ofSeconds(10)).build();

        System.out.printf(Locale.ROOT, "machine: %d cores visible to the JVM, %s %s, max heap %d MiB%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        HttpResponse<String> first = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (first.statusCode() != 200) {
            throw new IllegalStateException("the service answered " + first.statusCode() + ": " + first.body());
        }
        if (Boolean.getBoolean("probe")) {
            HttpRequest direct = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controller.getAddress().getPort()
                    + "/internal/v1/namespaces/default/scaledobjects/orders/metrics/s0-kafka-orders")).build();
            for (int round = 0; round < 3; round++) {
                sequential("sequential, stub controller directly", client, direct, 300);
                sequential("sequential, through the service", client, request, 300);
            }
        }
        openLoop("warmup", client, request, rate, warmup, connections);
        Result result = openLoop("measured", client, request, rate, duration, connections);
        if (closedLoop > 0) {
            closedLoop(client, request, closedLoop, duration);
        }
        service.close();
        controller.stop(0);
        clientThreads.shutdownNow();
        System.exit(result.errors() == 0 ? 0 : 1);
    }

    private record Result(long errors) {}

    private static HttpServer stubController() throws IOException {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: +40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        byte[] body = CONTROLLER_ANSWER.getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return server;
    }

    /**
     * Sends at a fixed rate regardless of answers, at most {@code connections} in flight (the
     * aggregator's connection pool); a request that cannot start on time counts its wait as latency.
     */
    private static Result openLoop(String phase, HttpClient client, HttpRequest request, int rate, int seconds,
            int connections) throws InterruptedException {
        Recorder recorder = new Recorder(TimeUnit.SECONDS.toNanos(30), 3);
        AtomicLong errors = new AtomicLong();
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(connections);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long total = (long) rate * seconds;
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        List<CompletableFuture<?>> last = new ArrayList<>();
        for (long i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.acquire();
            CompletableFuture<?> call = client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> {
                        recorder.recordValue(System.nanoTime() - scheduled);
                        if (failure != null || response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                        inFlight.release();
                    });
            if (i >= total - connections) {
                last.add(call);
            }
        }
        last.forEach(f -> f.exceptionally(t -> null).join());
        double elapsed = (System.nanoTime() - start) / 1e9;
        report(phase + " open loop at " + rate + " req/s", recorder.getIntervalHistogram(), total, elapsed,
                errors.get());
        System.out.printf(Locale.ROOT, "%-34s CPU of this JVM (service + stub + load generator): %.3f ms per request, "
                + "load average %.2f%n", "", (processCpuNanos() - cpuStart) / 1e6 / total,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return new Result(errors.get());
    }

    private static void sequential(String phase, HttpClient client, HttpRequest request, int count)
            throws IOException, InterruptedException {
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            client.send(request, HttpResponse.BodyHandlers.ofString());
            histogram.recordValue(System.nanoTime() - t0);
        }
        report(phase, histogram, count, (System.nanoTime() - start) / 1e9, 0);
    }

    /** Saturation: {@code workers} callers each send the next request as soon as the previous answers. */
    private static void closedLoop(HttpClient client, HttpRequest request, int workers, int seconds)
            throws InterruptedException {
        Recorder recorder = new Recorder(TimeUnit.SECONDS.toNanos(30), 3);
        AtomicLong count = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                    recorder.recordValue(System.nanoTime() - t0);
                    count.incrementAndGet();
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        report("closed loop, " + workers + " workers", recorder.getIntervalHistogram(), count.get(),
                (System.nanoTime() - start) / 1e9, errors.get());
    }

    private static void report(String phase, Histogram histogram, long requests, double seconds, long errors) {
        System.out.printf(Locale.ROOT,
                "%-34s requests=%d errors=%d throughput=%.0f req/s p50=%.2f ms p90=%.2f ms p99=%.2f ms "
                        + "p99.9=%.2f ms max=%.2f ms%n",
                phase, requests, errors, requests / seconds, ms(histogram.getValueAtPercentile(50)),
                ms(histogram.getValueAtPercentile(90)), ms(histogram.getValueAtPercentile(99)),
                ms(histogram.getValueAtPercentile(99.9)), ms(histogram.getMaxValue()));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
