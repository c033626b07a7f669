package dev.tide.benchmarks;

import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.ScaledObjectRef;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.external.ExternalBenchmarkAccess;
import dev.tide.scaler.external.testing.ExternalScalerServer;
import externalscaler.ExternalScalerGrpc;
import externalscaler.Externalscaler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * The two external-scaler figures of BENCHMARKS.md (issue 18), each against a baseline measured in the same run:
 *
 * <ol>
 *   <li>{@code sample()} of one {@code external} trigger on loopback ({@code GetMetrics} then {@code IsActive}, each
 *       with the trigger's deadline): percentiles over every measured call, against one plain blocking
 *       {@code IsActive} on the same channel, the two interleaved call by call;</li>
 *   <li>heap retained per trigger with N triggers alive on one address (different ScaledObjects, each built with
 *       {@code metricSpecs()} and sampled once, as the controller does): Tide's shared channel against a channel
 *       pool per trigger, which is KEDA without its connection pool.</li>
 * </ol>
 *
 * The external scaler is the scaler tests' {@link ExternalScalerServer}, run in a child JVM so that its heap and
 * threads stay out of the figures; it also counts the connections it accepts. Arguments: {@code [triggers] [samples]},
 * default 2000 20000. Results go to stdout and {@code target/external-benchmarks.md}.
 */
public final class ExternalBenchmarks {

    private static final String NAMESPACE = "bench";
    private static final String LATENCY_OBJECT = "latency";
    private static final double LATENCY_QUEUE = 3;
    private static final Map<String, String> SCALER_PARAMETERS = Map.of("queue", "orders");

    private final ServerProcess server;
    private final ScalerFactory external = ServiceLoader.load(ScalerFactory.class).stream()
            .map(ServiceLoader.Provider::get).filter(f -> f.type().equals("external")).findFirst().orElseThrow();
    private final StringBuilder report = new StringBuilder();
    /** Written once at the end, so that the JIT cannot drop the answers. */
    private static volatile long sink;

    private ExternalBenchmarks(ServerProcess server) {
        this.server = server;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("serve")) {
            serve();
            return;
        }
        int triggers = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        try (ServerProcess server = ServerProcess.start()) {
            ExternalBenchmarks bench = new ExternalBenchmarks(server);
            bench.line("# External scaler benchmarks (" + samples + " samples, " + triggers + " triggers)");
            bench.line("");
            bench.line("machine: " + Machine.describe() + "; load average " + Machine.loadAverage() + " at start");
            bench.line("");
            bench.roundTrip(samples);
            bench.perTrigger(triggers);
            bench.line("load average " + Machine.loadAverage() + " at the end");
            Path out = Path.of("target", "external-benchmarks.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, bench.report);
        }
        System.exit(0);
    }

    // ---- 1. one sample() against one IsActive --------------------------------------------------------------------

    private void roundTrip(int samples) {
        Scaler scaler = external.create(trigger(LATENCY_OBJECT));
        String metric = scaler.metricSpecs().get(0).metricName();
        var stub = ExternalScalerGrpc.newBlockingStub(ExternalBenchmarkAccess.channel(scaler));
        Externalscaler.ScaledObjectRef reference = Externalscaler.ScaledObjectRef.newBuilder().setNamespace(NAMESPACE)
                .setName(LATENCY_OBJECT).putAllScalerMetadata(trigger(LATENCY_OBJECT).metadata()).build();
        ScalerSample first = scaler.sample(metric);
        if (!first.active() || !first.values().get(0).value().equals(MilliValue.of(LATENCY_QUEUE))
                || !stub.isActive(reference).getResult()) {
            throw new IllegalStateException("the server does not answer what it was told: " + first);
        }
        int warmUp = Math.max(1_000, samples / 4);
        long[] tide = new long[samples];
        long[] plain = new long[samples];
        long answers = 0;
        for (int i = 0; i < warmUp; i++) {
            answers += scaler.sample(metric).values().size() + (stub.isActive(reference).getResult() ? 1 : 0);
        }
        for (int i = 0; i < samples; i++) {
            // Alternate which goes first, so that neither always follows the other's cache and scheduling effects.
            if (i % 2 == 0) {
                long start = System.nanoTime();
                answers += scaler.sample(metric).values().size();
                long between = System.nanoTime();
                answers += stub.isActive(reference).getResult() ? 1 : 0;
                tide[i] = between - start;
                plain[i] = System.nanoTime() - between;
            } else {
                long start = System.nanoTime();
                answers += stub.isActive(reference).getResult() ? 1 : 0;
                long between = System.nanoTime();
                answers += scaler.sample(metric).values().size();
                plain[i] = between - start;
                tide[i] = System.nanoTime() - between;
            }
        }
        sink += answers;
        scaler.close();
        Percentiles sample = Percentiles.of(tide);
        Percentiles isActive = Percentiles.of(plain);
        line("## 1. One `sample()` on loopback, warm (" + warmUp + " warm-up rounds, " + samples + " measured)");
        line("");
        line("| what | p50 µs | p90 µs | p99 µs | p99.9 µs | max µs |");
        line("|---|---|---|---|---|---|");
        line(sample.row("Tide `sample()`: GetMetrics + IsActive, each with the trigger's deadline"));
        line(isActive.row("baseline: one plain blocking `IsActive` on the same channel"));
        line("");
        line(String.format(Locale.ROOT, "ratio sample / IsActive: p50 %.2f, p99 %.2f", sample.p50() / isActive.p50(),
                sample.p99() / isActive.p99()));
        line("");
    }

    // ---- 2. heap per trigger, shared channel against a pool per trigger ------------------------------------------

    private void perTrigger(int triggers) throws IOException {
        Footprint shared = footprint(triggers, "shared-", () -> external);
        Footprint own = footprint(triggers, "own-", ExternalBenchmarkAccess::factoryWithItsOwnChannels);
        line("## 2. Heap retained per trigger with " + triggers + " `external` triggers alive on one address (after GC)");
        line("");
        line("| what | heap per trigger KiB | channels | server connections | threads added | RSS growth per trigger KiB (indicative) | build + first sample of all, s |");
        line("|---|---|---|---|---|---|---|");
        line(shared.row("Tide: one shared channel", triggers));
        line(own.row("baseline: a channel pool per trigger", triggers));
        line("");
        line(String.format(Locale.ROOT, "heap ratio baseline / Tide: %.1f", (double) own.heap() / Math.max(1, shared.heap())));
        line("");
    }

    private record Footprint(long heap, long rss, int channels, int connections, int threads, double seconds) {
        String row(String what, int triggers) {
            return String.format(Locale.ROOT, "| %s | %.2f | %,d | %,d | %d | %.1f | %.1f |", what, heap / 1024.0 / triggers,
                    channels, connections, threads, rss / 1024.0 / triggers, seconds);
        }
    }

    private Footprint footprint(int triggers, String prefix, Supplier<ScalerFactory> factories) throws IOException {
        long heapBefore = Machine.usedHeapAfterGc();
        long rssBefore = Machine.residentBytes();
        int threadsBefore = Thread.activeCount();
        int connectionsBefore = server.connections();
        long start = System.nanoTime();
        List<Scaler> scalers = new ArrayList<>(triggers);
        for (int i = 0; i < triggers; i++) {
            Scaler scaler = factories.get().create(trigger(prefix + i));
            sink += scaler.sample(scaler.metricSpecs().get(0).metricName()).values().size();
            scalers.add(scaler);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long heap = Machine.usedHeapAfterGc() - heapBefore;
        long rss = Machine.residentBytes() - rssBefore;
        int threads = Thread.activeCount() - threadsBefore;
        int connections = server.connections() - connectionsBefore;
        int channels = (int) scalers.stream().map(ExternalBenchmarkAccess::channel).distinct().count();
        scalers.forEach(Scaler::close);
        if (ExternalBenchmarkAccess.sharedChannels() != 0) {
            throw new IllegalStateException("closing every trigger left a shared channel open");
        }
        return new Footprint(heap, rss, channels, connections, threads, seconds);
    }

    // ---- the external scaler, in a child JVM ---------------------------------------------------------------------

    /**
     * One resolved address, so that round robin opens exactly one connection per channel. The deadline is 30 s, not
     * KEDA's 3 s: on busy shared cores a new connection has taken longer than 3 s, and deadlines are not measured here.
     */
    private TriggerConfig trigger(String object) {
        Map<String, String> metadata = new HashMap<>(SCALER_PARAMETERS);
        metadata.put("scalerAddress", "127.0.0.1:" + server.port());
        return TriggerConfig.builder("external").scaledObject(ScaledObjectRef.scaledObject(NAMESPACE, object))
                .metadata(metadata).timeout(Duration.ofSeconds(30)).build();
    }

    /** The child: serves until its standard input closes, and answers {@code connections} with its count. */
    private static void serve() throws IOException {
        try (ExternalScalerServer server = ExternalScalerServer.plaintext()) {
            server.length(NAMESPACE, LATENCY_OBJECT, LATENCY_QUEUE);
            System.out.println(server.port());
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String command = commands.readLine(); command != null; command = commands.readLine()) {
                if (command.equals("connections")) {
                    System.out.println(server.connections());
                }
            }
        }
    }

    /** The child JVM running {@link #serve()}, on this process's class path. */
    private record ServerProcess(Process process, BufferedReader answers, PrintWriter commands, int port)
            implements AutoCloseable {

        static ServerProcess start() throws IOException {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-cp", System.getProperty("java.class.path"), ExternalBenchmarks.class.getName(), "serve")
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            BufferedReader answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String port = answers.readLine();
            if (port == null) {
                throw new IllegalStateException("the external scaler process ended before it served");
            }
            return new ServerProcess(process, answers,
                    new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8), Integer.parseInt(port.trim()));
        }

        int connections() throws IOException {
            commands.println("connections");
            return Integer.parseInt(answers.readLine().trim());
        }

        @Override
        public void close() {
            commands.close();
            process.destroy();
        }
    }

    private void line(String text) {
        System.out.println(text);
        report.append(text).append('\n');
    }
}
