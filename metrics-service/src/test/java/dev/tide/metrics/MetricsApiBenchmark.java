package dev.tide.metrics;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

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
        System.out.printf(Locale.ROOT, "load average %.2f at start%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

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
        // Apache's blocking client: cheaper per request than the JDK's, so the harness leaves the two
        // cores to the service as far as it can.
        CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setTlsSocketStrategy(new DefaultClientTlsStrategy(
                                serving.clientContext(requestHeader.client("front-proxy-client"))))
                        .setMaxConnTotal(connections)
                        .setMaxConnPerRoute(connections)
                        .build())
                .disableAutomaticRetries()
                // Else a connection that presented a client certificate is never reused: a handshake per request.
                .disableConnectionState()
                .build();
        ExecutorService workers = Executors.newFixedThreadPool(connections);
        Call request = () -> {
            HttpGet get = new HttpGet(uri);
            get.addHeader("X-Remote-User", "system:kube-controller-manager");
            return client.execute(get, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
        };

        System.out.printf(Locale.ROOT, "machine: %d cores visible to the JVM, %s %s, max heap %d MiB%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        int first = request.send();
        if (first != 200) {
            throw new IllegalStateException("the service answered " + first);
        }
        openLoop("warmup", workers, request, rate, warmup);
        Result result = openLoop("measured", workers, request, rate, duration);
        if (closedLoop > 0) {
            closedLoop(request, closedLoop, duration);
        }
        service.close();
        controller.stop(0);
        workers.shutdownNow();
        client.close();
        FileSystemUtils.deleteRecursively(pki);
        System.exit(result.errors() == 0 ? 0 : 1);
    }

    private record Result(long errors) {}

    /** One request to the service; returns the HTTP status. */
    @FunctionalInterface
    private interface Call {
        int send() throws IOException;
    }

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
     * Sends at a fixed rate regardless of answers, on a pool of workers as large as the connection pool
     * (the aggregator's connections); a request that cannot start on time counts its wait as latency.
     */
    private static Result openLoop(String phase, ExecutorService workers, Call request, int rate, int seconds)
            throws InterruptedException {
        Recorder recorder = new Recorder(TimeUnit.MINUTES.toNanos(10), 3);
        AtomicLong errors = new AtomicLong();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long total = (long) rate * seconds;
        CountDownLatch done = new CountDownLatch((int) total);
        long cpuStart = processCpuNanos();
        long serviceCpuStart = serviceThreadsCpuNanos();
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            workers.execute(() -> {
                try {
                    if (request.send() != 200) {
                        errors.incrementAndGet();
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                }
                try {
                    recorder.recordValue(System.nanoTime() - scheduled);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        report(phase + " open loop at " + rate + " req/s", recorder.getIntervalHistogram(), total, elapsed,
                errors.get());
        System.out.printf(Locale.ROOT, "%-34s CPU per request: %.3f ms in the service's request threads, %.3f ms in "
                + "the whole JVM (service, stub, load generator, GC, JIT); load average %.2f%n", "",
                (serviceThreadsCpuNanos() - serviceCpuStart) / 1e6 / total,
                (processCpuNanos() - cpuStart) / 1e6 / total,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return new Result(errors.get());
    }

    /** Saturation: {@code workers} callers each send the next request as soon as the previous answers. */
    private static void closedLoop(Call request, int workers, int seconds)
            throws InterruptedException {
        Recorder recorder = new Recorder(TimeUnit.MINUTES.toNanos(10), 3);
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
                        if (request.send() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
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

    // Tomcat's TLS connector threads (acceptor, poller, workers) run the service's whole request path,
    // the controller call included, so their CPU time is the service's cost without the harness's.
    private static long serviceThreadsCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("jsse-nio")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
