package dev.tide.controller.scaling;

import static dev.tide.controller.LoopBenchmarkSupport.processCpuNanos;
import static dev.tide.controller.LoopBenchmarkSupport.usedHeapAfterGc;

import ch.qos.logback.classic.Level;
import dev.tide.controller.LoopBenchmarkSupport;
import dev.tide.controller.kube.ObjectKey;
import dev.tide.controller.observability.ScalingMetrics;
import dev.tide.controller.sharding.Membership;
import dev.tide.controller.sharding.Ownership;
import dev.tide.controller.sharding.ShardingProperties;
import dev.tide.controller.sources.PassRequests;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * One controller replica of {@link ShardedLoopBenchmark}, in a JVM of its own: the real ScaleLoops, Ownership and
 * Membership (member Leases on the coordinator's mock API server), the in-memory cluster for {@code /scale}. It
 * registers every object, as every controller replica does, and then follows the coordinator's commands on stdin
 * ({@code start}, {@code window}, {@code report}, {@code watch}, {@code exit}); its figures go to stdout as
 * {@value #PREFIX} lines of {@code key=value} pairs. Not a test.
 *
 * <p>Arguments: identity, number of objects, API server URL, driven-bitmap file, lease duration, renew deadline, renew
 * period (ISO-8601 durations).
 */
final class ShardReplica {

    static final String PREFIX = "shard-replica";
    static final int POLLING_SECONDS = 30;
    /** Where the member Leases live, and their group (the leader-election lease name of a controller). */
    static final String NAMESPACE = "tide-system";
    static final String GROUP = "tide-bench";

    private final String identity;
    private final int count;
    private final ScaleLoops loops;
    private final Membership membership;
    private final PrometheusMeterRegistry registry;
    private final Path bitmapFile;
    private long windowCpu;
    private long windowWall;
    private long windowPasses;
    private long windowSkipped;
    private Map<String, Long> windowThreads;
    private Map<String, Long> windowAllocated;
    private HistogramSnapshot windowLag;
    private volatile long slowestSampleNanos;

    private ShardReplica(String identity, int count, ScaleLoops loops, Membership membership, PrometheusMeterRegistry registry,
            Path bitmapFile) {
        this.identity = identity;
        this.count = count;
        this.loops = loops;
        this.membership = membership;
        this.registry = registry;
        this.bitmapFile = bitmapFile;
    }

    public static void main(String[] args) throws IOException {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
        String identity = args[0];
        int count = Integer.parseInt(args[1]);
        var sharding = new ShardingProperties(true, Duration.parse(args[4]), Duration.parse(args[5]), Duration.parse(args[6]));
        long heapBefore = usedHeapAfterGc();

        var executors = LoopBenchmarkSupport.defaultExecutors();
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(LoopBenchmarkSupport.lagPercentiles());
        var metrics = new ScalingMetrics(registry);
        var cluster = new ScaleLoopBenchmark.MemoryCluster();
        var ownership = new Ownership(Clock.systemUTC());
        var loops = new ScaleLoops(cluster, LoopBenchmarkSupport.sampler(executors, registry, metrics), metrics, Clock.systemUTC(),
                executors, new PublishedMetrics(), new PassRequests(), ownership);
        // As ShardingIT's replicas: a client of the mock server without retries (a failed renewal must show as one).
        KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(args[2])
                .withTrustCerts(true).withRequestRetryBackoffLimit(0).build()).build();
        var membership = Membership.create(client, NAMESPACE, GROUP, identity, sharding, Clock.systemUTC(), ownership,
                List.of(loops));

        long registering = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String ns = "bench-" + (i % 50);
            String name = "so-" + i;
            cluster.replicas.put(ns + "/" + name, 0);
            ScaleLoopBenchmark.register(loops, ns, name, i, POLLING_SECONDS, false);
        }
        long registeredMillis = (System.nanoTime() - registering) / 1_000_000;
        long heapRegistered = usedHeapAfterGc() - heapBefore;
        emit("event=registered identity=%s registered=%d millis=%d heapMiB=%.1f kibPerObject=%.2f", identity, count, registeredMillis,
                heapRegistered / 1048576.0, heapRegistered / 1024.0 / count);

        ShardReplica replica = new ShardReplica(identity, count, loops, membership, registry, Path.of(args[3]));
        replica.follow(heapBefore);
    }

    /** One machine-readable line for the coordinator. */
    static void emit(String format, Object... values) {
        System.out.println(PREFIX + " " + String.format(Locale.ROOT, format, values));
        System.out.flush();
    }

    private void follow(long heapBefore) throws IOException {
        var commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = commands.readLine()) != null) {
            switch (command.trim()) {
                case "start" -> start();
                case "attached" -> attached();
                case "window" -> window();
                case "report" -> report();
                case "heap" -> heap(heapBefore);
                case "watch" -> watch();
                case "exit" -> {
                    membership.stop();
                    System.exit(0);
                }
                default -> emit("event=unknown command=%s", command);
            }
        }
        System.exit(0);
    }

    /** Joins the members; says so once its Lease is valid and it has waited out a lease duration (standing DRIVING). */
    private void start() {
        long started = System.nanoTime();
        membership.start();
        while (membership.standing() != Membership.Standing.DRIVING) {
            LoopBenchmarkSupport.sleep(Duration.ofMillis(100));
        }
        emit("event=driving identity=%s millis=%d", identity, (System.nanoTime() - started) / 1_000_000);
    }

    private void window() {
        windowCpu = processCpuNanos();
        windowWall = System.nanoTime();
        windowPasses = loops.passes();
        windowSkipped = loops.skippedTicks();
        windowThreads = LoopBenchmarkSupport.cpuByThreadGroup();
        windowAllocated = LoopBenchmarkSupport.allocatedByThreadGroup();
        windowLag = registry.get(LoopBenchmarkSupport.LAG_TIMER).timer().takeSnapshot();
    }

    /** Waits until the series of every loop it took over are registered: the takeover's work is over. */
    private void attached() {
        long started = System.nanoTime();
        while (loops.seriesPending() > 0) {
            LoopBenchmarkSupport.sleep(Duration.ofMillis(100));
        }
        emit("event=attached identity=%s millis=%d", identity, (System.nanoTime() - started) / 1_000_000);
    }

    /** The window's figures. */
    private void report() {
        long wall = System.nanoTime() - windowWall;
        long cpu = processCpuNanos() - windowCpu;
        double cores = cpu / (double) wall;
        String busiest = LoopBenchmarkSupport.busiestThreads(windowThreads, LoopBenchmarkSupport.cpuByThreadGroup(), cpu, wall);
        // MB/s per thread group (bytes per microsecond); the collector's allocation-rate heuristic reads the sum.
        String allocating = LoopBenchmarkSupport.busiestThreads(windowAllocated, LoopBenchmarkSupport.allocatedByThreadGroup(),
                0, wall / 1000);
        long passes = loops.passes() - windowPasses;
        long skipped = loops.skippedTicks() - windowSkipped;
        var lag = registry.get(LoopBenchmarkSupport.LAG_TIMER).timer().takeSnapshot();
        StringBuilder percentiles = new StringBuilder();
        for (ValueAtPercentile p : lag.percentileValues()) {
            percentiles.append(String.format(Locale.ROOT, " p%.0f=%.1f", p.percentile() * 100, p.value(TimeUnit.MILLISECONDS)));
        }
        // The window's own passes: the percentiles above cover every pass since it started driving, the takeover's too.
        percentiles.append(LoopBenchmarkSupport.windowPercentiles(windowLag, lag));
        int driven = loops.driven().size();
        emit("event=report identity=%s registered=%d driven=%d passes=%d skipped=%d cores=%.3f%s max=%.1f lagCount=%d threads=%d"
                + " slowestSampleMs=%.1f busiest=%s allocating=%s", identity, loops.size(), driven, passes, skipped, cores,
                percentiles, lag.max(TimeUnit.MILLISECONDS), lag.count(), Thread.activeCount(), slowestSampleNanos / 1e6, busiest,
                allocating);
    }

    /**
     * The retained heap after forced collections, after the window (they pause the loops). The coordinator asks one
     * replica at a time: collections of GBs in three JVMs at once on shared cores starve the others' Lease renewals.
     */
    private void heap(long heapBefore) {
        long heap = usedHeapAfterGc() - heapBefore;
        emit("event=heap identity=%s heapMiB=%.1f kibPerObject=%.2f", identity, heap / 1048576.0, heap / 1024.0 / count);
    }

    /**
     * From now on, every 100 ms, writes which objects this replica drives into its bitmap file (one byte per object,
     * mapped into memory), for the coordinator to count and compare with the other replicas'.
     */
    private void watch() {
        MappedByteBuffer bitmap = ShardedLoopBenchmark.map(bitmapFile, count);
        Thread sampler = new Thread(() -> {
            while (true) {
                long started = System.nanoTime();
                byte[] driven = new byte[count];
                for (ObjectKey key : loops.driven()) {
                    driven[Integer.parseInt(key.name().substring("so-".length()))] = 1;
                }
                bitmap.put(0, driven);
                if (slowestSampleNanos == 0) {
                    emit("event=watching identity=%s", identity);
                }
                slowestSampleNanos = Math.max(slowestSampleNanos, System.nanoTime() - started);
                LoopBenchmarkSupport.sleep(Duration.ofMillis(100));
            }
        }, "shard-replica-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }
}
