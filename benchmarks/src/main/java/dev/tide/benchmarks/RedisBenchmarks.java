package dev.tide.benchmarks;

import dev.tide.scaler.api.ScaledObjectRef;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.redis.RedisBenchmarkAccess;
import dev.tide.scaler.redis.testing.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The redis figures of BENCHMARKS.md (issue 20), each against a baseline measured in the same run, on Debian's
 * {@code redis-server} started by the scaler tests' {@link RedisServer} (a child process, so its memory and CPU
 * accounting stay out of the JVM's figures; it counts its own connections):
 *
 * <ol>
 *   <li>{@code sample()} of one {@code redis} trigger (KEDA's Lua script by EVAL, with the trigger's timeout), against
 *       the same EVAL as a plain Lettuce call on a connection of its own, the two interleaved call by call;</li>
 *   <li>N {@code redis} triggers on one server (different ScaledObjects and lists): the connections the server holds
 *       ({@code INFO clients}), the build time, the heap, and the sampling round trip over rounds of all N; Tide's
 *       shared connection against a connection pool per trigger, which is KEDA's client per trigger.</li>
 * </ol>
 *
 * Arguments: {@code [triggers] [samples] [rounds]}, default 1000 20000 20. Results go to stdout and
 * {@code target/redis-benchmarks.md}.
 */
public final class RedisBenchmarks {

    private final RedisServer server;
    private final StringBuilder report = new StringBuilder();
    /** Written once at the end, so that the JIT cannot drop the answers. */
    private static volatile long sink;

    private RedisBenchmarks(RedisServer server) {
        this.server = server;
    }

    public static void main(String[] args) throws Exception {
        int triggers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        try (RedisServer server = RedisServer.start(Optional.empty())) {
            RedisBenchmarks bench = new RedisBenchmarks(server);
            bench.line("# Redis scaler benchmarks (" + samples + " samples, " + triggers + " triggers, " + rounds
                    + " rounds)");
            bench.line("");
            bench.line("machine: " + Machine.describe() + ", " + server.cli("INFO", "server").lines()
                    .filter(l -> l.startsWith("redis_version")).findFirst().orElse("redis_version:?").trim()
                    + "; load average " + Machine.loadAverage() + " at start");
            bench.line("");
            server.cli("RPUSH", "orders", "a", "b", "c");
            bench.roundTrip(samples);
            bench.manyTriggers(triggers, rounds);
            bench.line("load average " + Machine.loadAverage() + " at the end");
            Path out = Path.of("target", "redis-benchmarks.md");
            Files.createDirectories(out.getParent());
            try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
                writer.print(bench.report);
            }
            System.out.println("(sink " + sink + ")");
        }
        System.exit(0);
    }

    // ---- 1. one trigger's sample() against a plain Lettuce EVAL ------------------------------------------------

    private void roundTrip(int samples) throws Exception {
        ScalerFactory redis = sharedFactory();
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", server.port()));
        try (Scaler scaler = redis.create(trigger("latency", "orders"));
                StatefulRedisConnection<String, String> connection = client.connect()) {
            String metric = scaler.metricSpecs().get(0).metricName();
            RedisAsyncCommands<String, String> plain = connection.async();
            String script = RedisBenchmarkAccess.lengthScript();
            Supplier<Long> tide = () -> scaler.sample(metric).values().get(0).value().millis();
            Supplier<Long> lettuce = () -> {
                try {
                    return plain.<Long>eval(script, ScriptOutputType.INTEGER, "orders").get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            for (int i = 0; i < 5_000; i++) {
                sink += tide.get() + lettuce.get();
            }
            long[] sampled = new long[samples];
            long[] baseline = new long[samples];
            for (int i = 0; i < samples; i++) {
                boolean tideFirst = i % 2 == 0;
                if (tideFirst) {
                    sampled[i] = time(tide);
                    baseline[i] = time(lettuce);
                } else {
                    baseline[i] = time(lettuce);
                    sampled[i] = time(tide);
                }
            }
            Percentiles sample = Percentiles.of(sampled);
            Percentiles eval = Percentiles.of(baseline);
            line("## 1. One trigger's round trip (" + samples + " calls each, interleaved)");
            line("");
            line("| call | p50 µs | p90 µs | p99 µs | p99.9 µs | max µs |");
            line("|---|---|---|---|---|---|");
            line(sample.row("Tide `sample()` (shared connection, EVAL, timeout)"));
            line(eval.row("baseline: plain Lettuce `eval(...).get()` on its own connection"));
            line("");
            line(String.format(Locale.ROOT, "ratio sample / plain EVAL: p50 %.2f, p99 %.2f", sample.p50() / eval.p50(),
                    sample.p99() / eval.p99()));
            line("");
        } finally {
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    // ---- 2. N triggers on one server: connections, build, heap and round trip, shared against one each -------------

    /** One setup's triggers, alive, and what building them cost. */
    private record Built(String what, List<Scaler> scalers, int connections, long buildNanos, long heap, int threads) {
        String row(Percentiles sample) {
            return String.format(Locale.ROOT, "| %s | %,d | %.1f | %.2f | %d | %.0f | %.0f | %.0f |", what, connections,
                    buildNanos / 1e9, heap / 1024.0 / scalers.size(), threads, sample.p50(), sample.p99(), sample.max());
        }
    }

    /**
     * Both setups are built one after the other (each counted on its own), then sampled in the same rounds, trigger i of
     * one next to trigger i of the other in alternating order, so that load from outside hits both alike.
     */
    private void manyTriggers(int triggers, int rounds) throws Exception {
        for (int i = 0; i < 50; i++) {
            server.cli("RPUSH", "list-" + i, "x", "y");
        }
        ScalerFactory tide = sharedFactory();
        Built shared = build("Tide: one shared connection", triggers, () -> tide);
        Built own = build("baseline: a connection per trigger", triggers, RedisBenchmarkAccess::factoryWithItsOwnConnections);
        long[] sharedNanos = new long[triggers * rounds];
        long[] ownNanos = new long[triggers * rounds];
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < triggers; i++) {
                int at = round * triggers + i;
                if ((round + i) % 2 == 0) {
                    sharedNanos[at] = timeSample(shared.scalers().get(i));
                    ownNanos[at] = timeSample(own.scalers().get(i));
                } else {
                    ownNanos[at] = timeSample(own.scalers().get(i));
                    sharedNanos[at] = timeSample(shared.scalers().get(i));
                }
            }
        }
        shared.scalers().forEach(Scaler::close);
        own.scalers().forEach(Scaler::close);
        Percentiles sharedSample = Percentiles.of(sharedNanos);
        Percentiles ownSample = Percentiles.of(ownNanos);
        line("## 2. " + triggers + " `redis` triggers on one server (" + rounds + " sampling rounds of all of them)");
        line("");
        line("| setup | server connections | build + first sample s | heap KiB / trigger | threads added | "
                + "sample p50 µs | p99 µs | max µs |");
        line("|---|---|---|---|---|---|---|---|");
        line(shared.row(sharedSample));
        line(own.row(ownSample));
        line("");
        line(String.format(Locale.ROOT, "ratios baseline / Tide: connections %.0f, build %.1f, heap %.1f, sample p50 %.2f, "
                + "p99 %.2f", (double) own.connections() / Math.max(1, shared.connections()),
                (double) own.buildNanos() / shared.buildNanos(), (double) own.heap() / Math.max(1, shared.heap()),
                ownSample.p50() / sharedSample.p50(), ownSample.p99() / sharedSample.p99()));
        line("");
    }

    /** Builds and first-samples {@code triggers} triggers, each from {@code factories.get()}, different ScaledObjects. */
    private Built build(String what, int triggers, Supplier<ScalerFactory> factories) {
        int clientsBefore = server.connectedClients();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        long heapBefore = Machine.usedHeapAfterGc();
        List<Scaler> scalers = new ArrayList<>(triggers);
        long start = System.nanoTime();
        for (int i = 0; i < triggers; i++) {
            Scaler scaler = factories.get().create(trigger(what.substring(0, 4) + "-" + i, "list-" + i % 50));
            sink += scaler.sample(scaler.metricSpecs().get(0).metricName()).values().get(0).value().millis();
            scalers.add(scaler);
        }
        long build = System.nanoTime() - start;
        long heap = Machine.usedHeapAfterGc() - heapBefore;
        int threads = ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore;
        return new Built(what, scalers, server.connectedClients() - clientsBefore, build, heap, threads);
    }

    private static long timeSample(Scaler scaler) {
        String metric = scaler.metricSpecs().get(0).metricName();
        return time(() -> scaler.sample(metric).values().get(0).value().millis());
    }

    private static ScalerFactory sharedFactory() {
        return ServiceLoader.load(ScalerFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.type().equals("redis")).findFirst().orElseThrow();
    }

    /** A {@code redis} trigger of ScaledObject {@code name}; a 30 s timeout, because timeouts are not measured here. */
    private TriggerConfig trigger(String name, String list) {
        return TriggerConfig.builder("redis").scaledObject(ScaledObjectRef.scaledObject("bench", name))
                .metadata(Map.of("address", server.address(), "listName", list)).timeout(Duration.ofSeconds(30)).build();
    }

    private static long time(Supplier<Long> call) {
        long start = System.nanoTime();
        sink += call.get();
        return System.nanoTime() - start;
    }

    private void line(String text) {
        System.out.println(text);
        report.append(text).append('\n');
    }
}
