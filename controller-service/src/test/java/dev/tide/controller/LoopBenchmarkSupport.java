package dev.tide.controller;

import dev.tide.controller.config.LoopExecutors;
import dev.tide.controller.config.ScaleLoopProperties;
import dev.tide.controller.observability.ScalingMetrics;
import dev.tide.controller.sources.Sampler;
import dev.tide.controller.sources.ScalerCache;
import dev.tide.controller.sources.SourceGuards;
import dev.tide.scaler.api.ConnectionKey;
import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.ScaledObjectRef;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.TriggerConfig;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * What the loop benchmarks share ({@code ScaleLoopBenchmark}, {@code JobLoopBenchmark}): the loop machinery as the
 * controller wires it (default pools, the Sampler over SourceGuards with resilience4j), a cheap in-memory scaler, the
 * loop-lag percentiles, and the machine's figures. Not a test.
 */
public final class LoopBenchmarkSupport {

    /** The loop-lag timer both kinds of loop record into ({@code tide_scale_loop_lag_seconds}). */
    public static final String LAG_TIMER = "tide.scale.loop.lag";

    private LoopBenchmarkSupport() {
    }

    /**
     * Whether the cheap scaler says it answers from memory (SPI 1.7), so that the loops read it on their own thread:
     * {@code -Dtide.bench.inline=false} makes it read the pooled way, as a scaler that waits on a source is.
     */
    static final boolean INLINE = Boolean.parseBoolean(System.getProperty("tide.bench.inline", "true"));

    /** A scaler that answers at once from memory. */
    public record CheapScaler(MetricSpec spec, long value) implements Scaler {
        @Override
        public boolean answersFromMemory() {
            return INLINE;
        }

        @Override
        public List<MetricSpec> metricSpecs() {
            return List.of(spec);
        }

        @Override
        public ScalerSample sample(String metricName) {
            return ScalerSample.of(new MetricValue(metricName, MilliValue.ofWhole(value)), value > 0);
        }

        @Override
        public void close() {
        }
    }

    /** The default pools: 4 workers, 64 core / 1,024 max sampler threads, 4 writers. */
    public static LoopExecutors defaultExecutors() {
        return LoopExecutors.create(new ScaleLoopProperties(true, 4, 64, 1024, 4));
    }

    /** Client-side percentiles (p50, p95, p99) of the loop-lag timer over the registry's whole life, not a sliding window. */
    public static MeterFilter lagPercentiles() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals(LAG_TIMER)) {
                    return config;
                }
                return DistributionStatisticConfig.builder().percentiles(0.5, 0.95, 0.99).percentilePrecision(3)
                        .serviceLevelObjectives(java.util.Arrays.stream(LAG_BOUNDS_MS).map(ms -> ms * 1e6).toArray())
                        .expiry(Duration.ofHours(1)).bufferLength(1).build().merge(config);
            }
        };
    }

    /**
     * The Sampler over SourceGuards as application.yaml configures them: bulkhead of 16 per connection, 2 attempts,
     * circuit breakers over the last 10 calls. (resilience4j's own default window of 100 calls would hold 4 KiB of
     * measurements per connection that a real controller does not.)
     */
    public static Sampler sampler(LoopExecutors executors, MeterRegistry registry, ScalingMetrics metrics) {
        var breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED).slidingWindowSize(10)
                .minimumNumberOfCalls(5).failureRateThreshold(50).slowCallDurationThreshold(Duration.ofSeconds(10))
                .waitDurationInOpenState(Duration.ofSeconds(10)).permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(true).build());
        var guards = new SourceGuards(breakers,
                BulkheadRegistry.of(BulkheadConfig.custom().maxConcurrentCalls(16).maxWaitDuration(Duration.ZERO).build()),
                RetryRegistry.of(RetryConfig.custom().maxAttempts(2)
                        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(200, 2, 0.5)).build()),
                executors.samplers(), executors.scheduler(), registry);
        return new Sampler(guards, metrics, Clock.systemUTC());
    }

    /**
     * One trigger of type {@code bench} with metric {@code s0-bench-<name>} and an {@code AverageValue} target, read
     * by the scaler {@code scaler} makes for that metric.
     */
    public static ScalerCache.Entry oneTrigger(ScaledObjectRef owner, Map<String, String> metadata, long target,
            Function<MetricSpec, Scaler> scaler) {
        TriggerConfig config = TriggerConfig.builder("bench").scaledObject(owner).triggerIndex(0).metadata(metadata).build();
        MetricSpec spec = new MetricSpec("s0-bench-" + owner.name(), MetricTargetType.AVERAGE_VALUE, MilliValue.ofWhole(target));
        return new ScalerCache.Entry(1, List.of(new ScalerCache.BuiltTrigger(config, scaler.apply(spec),
                ConnectionKey.ofAllInputs(config), List.of(spec))));
    }

    /** "machine: cores, CPU model, architecture, JVM, load average, time": the line every scenario starts with. */
    public static String machine() {
        return String.format("machine: %d cores, %s, %s, %s %s (%s), load average %.2f, %s; cheap scalers read %s",
                Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("os.arch"), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), collectors(), loadAverage(), Instant.now().truncatedTo(ChronoUnit.SECONDS),
                INLINE ? "inline (SPI 1.7)" : "on sampler threads");
    }

    /** CPU time per thread group (a thread's name without its trailing number), for {@link #busiestThreads}. */
    public static Map<String, Long> cpuByThreadGroup() {
        return byThreadGroup(ManagementFactory.getThreadMXBean()::getThreadCpuTime);
    }

    /** Bytes allocated per thread group so far, for {@link #busiestThreads}. */
    public static Map<String, Long> allocatedByThreadGroup() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return byThreadGroup(threads::getThreadAllocatedBytes);
    }

    private static Map<String, Long> byThreadGroup(java.util.function.LongUnaryOperator perThread) {
        var threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> groups = new java.util.HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            var info = threads.getThreadInfo(id);
            long value = perThread.applyAsLong(id);
            if (info != null && value > 0) {
                groups.merge(info.getThreadName().replaceAll("[-_ ]?\\d+$", ""), value, Long::sum);
            }
        }
        return groups;
    }

    /**
     * "group:cores,..." for the busiest thread groups between two {@link #cpuByThreadGroup} snapshots, and "jvm" for
     * the process CPU no Java thread accounts for (the collector's and the JIT's threads); given 0 process CPU, the
     * same for two {@link #allocatedByThreadGroup} snapshots without "jvm" (over microseconds: MB/s).
     */
    public static String busiestThreads(Map<String, Long> before, Map<String, Long> after, long processCpuNanos, long wallNanos) {
        Map<String, Long> spent = new java.util.HashMap<>();
        after.forEach((group, cpu) -> spent.put(group, cpu - before.getOrDefault(group, 0L)));
        long javaThreads = spent.values().stream().mapToLong(Long::longValue).sum();
        if (processCpuNanos > 0) {
            spent.put("jvm", processCpuNanos - javaThreads);
        }
        return spent.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
                .map(e -> String.format(java.util.Locale.ROOT, "%s:%.3f", e.getKey().replace(' ', '_'), e.getValue() / (double) wallNanos))
                .collect(java.util.stream.Collectors.joining(","));
    }

    /** The garbage collector's names ("G1 Young Generation, ..."), because at 100,000 objects the collector decides the tail. */
    static String collectors() {
        return String.join(", ", ManagementFactory.getGarbageCollectorMXBeans().stream().map(bean -> bean.getName()).toList());
    }

    /** The line every scenario ends with, so a figure can be read against what else ran during it. */
    public static String loadAtTheEnd() {
        return String.format("load average %.2f at the end, %s", loadAverage(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** The 1-minute load average of the machine. */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }

    /** Bucket bounds of the lag timer, so that a window's percentiles can be read from two snapshots' counts. */
    static final double[] LAG_BOUNDS_MS = {0.5, 1, 2, 3, 5, 7.5, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000,
        1500, 2000, 3000, 5000, 10000};

    /**
     * " wp50=0.5 wp95=1 wp99=5" in ms between two snapshots of the lag timer: for each percentile the smallest bucket bound
     * that at least that share of the window's passes met (an upper bound of the percentile; "inf" past the last bound).
     */
    public static String windowPercentiles(HistogramSnapshot before, HistogramSnapshot after) {
        long passes = after.count() - before.count();
        var from = before.histogramCounts();
        var to = after.histogramCounts();
        StringBuilder out = new StringBuilder();
        for (double percentile : new double[] {0.5, 0.95, 0.99}) {
            String bound = "inf";
            for (int i = 0; i < to.length; i++) {
                // Cumulative counts: the passes of the window at or under this bound.
                // The buckets are ours merged with those the controller's metrics configure: read each one's own bound.
                if (to[i].count() - from[i].count() >= percentile * passes) {
                    bound = new java.math.BigDecimal(to[i].bucket(TimeUnit.MILLISECONDS)).round(new java.math.MathContext(3))
                            .stripTrailingZeros().toPlainString();
                    break;
                }
            }
            out.append(String.format(java.util.Locale.ROOT, " wp%.0f=%s", percentile * 100, bound));
        }
        return out.toString();
    }

    /** " p50 0.1 ms p95 0.3 ms p99 1.2 ms" from a snapshot of the lag timer. */
    public static String percentiles(HistogramSnapshot snapshot) {
        StringBuilder percentiles = new StringBuilder();
        for (ValueAtPercentile p : snapshot.percentileValues()) {
            percentiles.append(String.format(" p%.0f %.1f ms", p.percentile() * 100, p.value(TimeUnit.MILLISECONDS)));
        }
        return percentiles.toString();
    }

    public static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Bytes allocated on the heap by every thread of this JVM so far (HotSpot's per-thread counters, summed). */
    public static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
    }

    public static long usedHeapAfterGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
            sleep(Duration.ofMillis(200));
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    public static void sleep(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(end - System.nanoTime());
        }
    }

    /** The nearest-rank percentile of sorted values. */
    public static double at(List<Double> sorted, double percentile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile * sorted.size()) - 1));
    }
}
