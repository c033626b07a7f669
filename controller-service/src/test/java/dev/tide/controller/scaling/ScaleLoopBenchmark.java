package dev.tide.controller.scaling;

import static dev.tide.controller.LoopBenchmarkSupport.at;
import static dev.tide.controller.LoopBenchmarkSupport.processCpuNanos;
import static dev.tide.controller.LoopBenchmarkSupport.sleep;
import static dev.tide.controller.LoopBenchmarkSupport.usedHeapAfterGc;

import dev.tide.controller.LoopBenchmarkSupport;
import dev.tide.controller.LoopBenchmarkSupport.CheapScaler;
import dev.tide.controller.config.LoopExecutors;
import dev.tide.controller.kube.ClusterAccess;
import dev.tide.controller.kube.ObjectKey;
import dev.tide.controller.kube.ScaleClient;
import dev.tide.controller.kube.StatusWriter;
import dev.tide.controller.observability.ScalingMetrics;
import dev.tide.controller.sources.PassRequests;
import dev.tide.controller.sources.ScalerCache;
import dev.tide.keda.api.Advanced;
import dev.tide.keda.api.EventReason;
import dev.tide.keda.api.KedaCondition;
import dev.tide.keda.api.GroupVersionKindResource;
import dev.tide.keda.api.ScaleTarget;
import dev.tide.keda.api.ScaleTrigger;
import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.ScaledObjectSpec;
import dev.tide.keda.api.ScaledObjectStatus;
import dev.tide.scaler.api.ConnectionKey;
import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.ScaledObjectRef;
import dev.tide.scaler.api.TriggerConfig;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The controller benchmarks behind BENCHMARKS.md ("Controller"). Not a test: run it with the command given there.
 *
 * <p>It runs the real loop machinery (ScaleLoops, ScalePass, PassExecutor, the Sampler over SourceGuards with resilience4j, ScalingMetrics on a Prometheus
 * registry, the default pool sizes) against an in-memory cluster ({@link ClusterAccess} counting every write) and a
 * cheap in-memory scaler. No API server: the figures are the loop machinery's own, not the network's.
 *
 * <p>Arguments: {@code lag [n] [seconds]}, {@code footprint [n] [seconds]}, {@code writes [n] [seconds]},
 * {@code isolation [n] [seconds]}, {@code modifiers [n] [seconds]}.
 */
public final class ScaleLoopBenchmark {

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    public static final GroupVersionKindResource DEPLOYMENT = new GroupVersionKindResource("apps", "v1", "Deployment", "deployments");

    /** The in-memory cluster: replicas per target, and a count of every write the loops make. */
    static final class MemoryCluster implements ClusterAccess {
        final Map<String, Integer> replicas = new ConcurrentHashMap<>();
        final AtomicLong scales = new AtomicLong();
        final AtomicLong statusPatches = new AtomicLong();
        final AtomicLong events = new AtomicLong();
        final AtomicLong reads = new AtomicLong();

        long writes() {
            return scales.get() + statusPatches.get() + events.get();
        }

        void reset() {
            scales.set(0);
            statusPatches.set(0);
            events.set(0);
            reads.set(0);
        }

        @Override
        public int currentReplicas(ScaleClient.Target target) {
            reads.incrementAndGet();
            return replicas.getOrDefault(target.namespace() + "/" + target.name(), 0);
        }

        @Override
        public void scale(ScaleClient.Target target, int to) {
            scales.incrementAndGet();
            replicas.put(target.namespace() + "/" + target.name(), to);
        }

        @Override
        public void patchStatus(ScaledObject scaledObject, List<StatusWriter.Operation> operations) {
            // The real writer serializes the patch; so does this one, so that its cost stays in the figures.
            SERIALIZATION.asJson(operations);
            statusPatches.incrementAndGet();
        }

        @Override
        public void event(ScaledObject scaledObject, EventReason reason, String message) {
            events.incrementAndGet();
        }

        @Override
        public Map<ObjectKey, ScaledObject> scaledObjects() {
            return Map.of();
        }
    }

    record Setup(ScaleLoops loops, MemoryCluster cluster, PrometheusMeterRegistry registry, LoopExecutors executors) {
        void close() {
            loops.stopAll();
            executors.close();
        }

        Timer lag() {
            return registry.get(LoopBenchmarkSupport.LAG_TIMER).timer();
        }
    }

    static Setup setup(int count, int pollingSeconds, boolean active) {
        return setup(count, pollingSeconds, active, Shape.ONE_TRIGGER);
    }

    /** What each benchmark ScaledObject looks like. */
    enum Shape {
        /** One trigger: the figures of runs 1 to 3. */
        ONE_TRIGGER,
        /** Two named triggers a and b, each with its own source; the HPA gets both metrics. */
        TWO_TRIGGERS,
        /** The same two triggers combined by {@code scalingModifiers} ({@code a + b}, target 5). */
        TWO_TRIGGERS_FORMULA
    }

    static Setup setup(int count, int pollingSeconds, boolean active, Shape shape) {
        var executors = LoopBenchmarkSupport.defaultExecutors();
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(LoopBenchmarkSupport.lagPercentiles());
        var cluster = new MemoryCluster();
        var metrics = new ScalingMetrics(registry);
        var loops = new ScaleLoops(cluster, LoopBenchmarkSupport.sampler(executors, registry, metrics), metrics, Clock.systemUTC(),
                executors, new PublishedMetrics(), new PassRequests());
        for (int i = 0; i < count; i++) {
            String ns = "bench-" + (i % 50);
            String name = "so-" + i;
            cluster.replicas.put(ns + "/" + name, active ? 1 : 0);
            if (shape == Shape.ONE_TRIGGER) {
                register(loops, ns, name, i, pollingSeconds, active);
            } else {
                registerTwoTriggers(loops, ns, name, i, pollingSeconds, shape == Shape.TWO_TRIGGERS_FORMULA);
            }
        }
        return new Setup(loops, cluster, registry, executors);
    }

    static void register(ScaleLoops loops, String ns, String name, int i, int pollingSeconds, boolean active) {
        ScaledObject so = scaledObject(ns, name, i, pollingSeconds);
        var entry = LoopBenchmarkSupport.oneTrigger(ScaledObjectRef.scaledObject(ns, name), so.getSpec().triggers().get(0).metadata(), 5,
                spec -> new CheapScaler(spec, active ? 10 : 0));
        loops.register(so, new ScaleClient.Target(DEPLOYMENT, ns, name), entry);
    }

    /** A ready ScaledObject with one {@code bench} trigger on a source of its own, targeting the Deployment of its name. */
    public static ScaledObject scaledObject(String ns, String name, int i, int pollingSeconds) {
        ScaledObject so = new ScaledObject();
        so.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).withGeneration(1L)
                .withCreationTimestamp(Instant.now().minusSeconds(3600).toString()).withUid("uid-" + i).build());
        // Each trigger on its own "cluster" (distinct connection metadata), as distinct sources would be.
        var trigger = new ScaleTrigger("bench", null, Map.of("source", "s" + i, "host", "h" + (i % 20)), null, null, null);
        so.setSpec(new ScaledObjectSpec(new ScaleTarget(name, null, null, null), pollingSeconds, null, 300, null, null, null,
                null, List.of(trigger), null));
        ScaledObjectStatus status = new ScaledObjectStatus();
        for (KedaCondition.Type type : KedaCondition.Type.values()) {
            status.setCondition(type.initial());
        }
        status.setCondition(KedaCondition.READY.condition());
        status.setCondition(KedaCondition.NO_FALLBACK.condition());
        so.setStatus(status);
        return so;
    }

    /** Two triggers a and b on their own sources (values 3 and 4, so the ScaledObject is active at 1 replica). */
    static void registerTwoTriggers(ScaleLoops loops, String ns, String name, int i, int pollingSeconds, boolean formula) {
        ScaledObject so = new ScaledObject();
        so.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).withGeneration(1L)
                .withCreationTimestamp(Instant.now().minusSeconds(3600).toString()).withUid("uid-" + i).build());
        List<ScaleTrigger> triggers = List.of(
                new ScaleTrigger("bench", "a", Map.of("source", "a" + i, "host", "h" + (i % 20)), null, null, null),
                new ScaleTrigger("bench", "b", Map.of("source", "b" + i, "host", "h" + (i % 20)), null, null, null));
        Advanced advanced = formula ? new Advanced(null, null, new Advanced.ScalingModifiers("a + b", "5", null, null)) : null;
        so.setSpec(new ScaledObjectSpec(new ScaleTarget(name, null, null, null), pollingSeconds, null, 300, null, null, null,
                advanced, triggers, null));
        ScaledObjectStatus status = new ScaledObjectStatus();
        for (KedaCondition.Type type : KedaCondition.Type.values()) {
            status.setCondition(type.initial());
        }
        status.setCondition(KedaCondition.READY.condition());
        so.setStatus(status);
        List<ScalerCache.BuiltTrigger> built = new ArrayList<>();
        for (int t = 0; t < triggers.size(); t++) {
            TriggerConfig config = TriggerConfig.builder("bench").scaledObject(ScaledObjectRef.scaledObject(ns, name)).triggerIndex(t)
                    .triggerName(triggers.get(t).name()).metadata(triggers.get(t).metadata()).build();
            MetricSpec spec = new MetricSpec("s" + t + "-bench-" + name, MetricTargetType.AVERAGE_VALUE, MilliValue.ofWhole(5));
            built.add(new ScalerCache.BuiltTrigger(config, new CheapScaler(spec, 3 + t), ConnectionKey.ofAllInputs(config), List.of(spec)));
        }
        loops.register(so, new ScaleClient.Target(DEPLOYMENT, ns, name), new ScalerCache.Entry(1, built));
    }

    public static void main(String[] args) {
        String scenario = args.length > 0 ? args[0] : "lag";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : ("footprint".equals(scenario) ? 10_000 : 1_000);
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        System.out.println(LoopBenchmarkSupport.machine());
        switch (scenario) {
            case "lag" -> lag(count, seconds);
            case "footprint" -> footprint(count, seconds);
            case "writes" -> writes(count, seconds);
            case "isolation" -> IsolationScenario.isolation(count, seconds);
            case "modifiers" -> modifiers(count, seconds);
            default -> throw new IllegalArgumentException("scenario: lag, footprint, writes, isolation or modifiers");
        }
        System.out.println(LoopBenchmarkSupport.loadAtTheEnd());
        System.exit(0);
    }

    /** 1: loop lag at pollingInterval 1 s. A 15 s warm-up on a separate set of loops first (JIT). */
    static void lag(int count, int seconds) {
        warmUp(count);

        Setup run = setup(count, 1, false);
        // Building 10,000 loops leaves a young generation full of live objects; copying it out is a one-off GC pause
        // of up to 0.3 s on 2 cores that belongs to the setup, not to the loops (a controller registers long before).
        usedHeapAfterGc();
        long cpuBefore = processCpuNanos();
        long allocatedBefore = LoopBenchmarkSupport.allocatedBytes();
        long wallBefore = System.nanoTime();
        run.loops().startAll();
        sleep(Duration.ofSeconds(seconds));
        double cores = (processCpuNanos() - cpuBefore) / (double) (System.nanoTime() - wallBefore);
        long allocated = LoopBenchmarkSupport.allocatedBytes() - allocatedBefore;
        Timer lag = run.lag();
        var snapshot = lag.takeSnapshot();
        System.out.printf("lag: %d ScaledObjects x 1 trigger, pollingInterval 1 s, %d s: %d passes, %d skipped ticks%n",
                count, seconds, run.loops().passes(), run.loops().skippedTicks());
        for (ValueAtPercentile p : snapshot.percentileValues()) {
            System.out.printf("lag: p%.0f = %.1f ms%n", p.percentile() * 100, p.value(TimeUnit.MILLISECONDS));
        }
        System.out.printf("lag: max = %.1f ms, mean = %.2f ms, CPU %.2f cores, %.0f bytes allocated per pass (every thread)%n",
                snapshot.max(TimeUnit.MILLISECONDS), snapshot.mean(TimeUnit.MILLISECONDS), cores,
                allocated / (double) Math.max(1, run.loops().passes()));
        run.close();
    }

    /**
     * 15 s of {@code count} loops at 1 s for the JIT, on a set of their own that is garbage afterwards (a method of its
     * own, so that no local keeps it live through the measured run: its heap would make every GC pause longer).
     */
    static void warmUp(int count) {
        Setup warmUp = setup(count, 1, false);
        warmUp.loops().startAll();
        sleep(Duration.ofSeconds(15));
        warmUp.close();
    }

    /**
     * 5: what evaluating a scalingModifiers formula costs the loops: {@code count} ScaledObjects with two triggers at
     * 1 s, without and with {@code a + b}, alternating twice in one JVM after a warm-up of both.
     */
    static void modifiers(int count, int seconds) {
        for (Shape shape : new Shape[] {Shape.TWO_TRIGGERS, Shape.TWO_TRIGGERS_FORMULA}) {
            Setup warmUp = setup(count, 1, true, shape);
            warmUp.loops().startAll();
            sleep(Duration.ofSeconds(10));
            warmUp.close();
        }
        for (int round = 1; round <= 2; round++) {
            for (Shape shape : new Shape[] {Shape.TWO_TRIGGERS, Shape.TWO_TRIGGERS_FORMULA}) {
                Setup run = setup(count, 1, true, shape);
                long cpuBefore = processCpuNanos();
                long wallBefore = System.nanoTime();
                run.loops().startAll();
                sleep(Duration.ofSeconds(seconds));
                double cores = (processCpuNanos() - cpuBefore) / (double) (System.nanoTime() - wallBefore);
                var snapshot = run.lag().takeSnapshot();
                String percentiles = LoopBenchmarkSupport.percentiles(snapshot);
                // Proof that the formula ran: the composite series holds a + b = 7 for every ScaledObject that has one.
                long composites = run.registry().find("keda.scaler.metrics.value").tag("scaler", CompositeMetric.NAME).gauges()
                        .stream().filter(g -> g.value() == 7.0).count();
                System.out.printf("modifiers round %d, %s: %d ScaledObjects x 2 triggers at 1 s, %d s: %d passes, %d skipped ticks,"
                        + "%s, max %.1f ms, CPU %.2f cores, load %.1f, composite values of 7: %d%n", round, shape, count, seconds,
                        run.loops().passes(), run.loops().skippedTicks(), percentiles, snapshot.max(TimeUnit.MILLISECONDS), cores,
                        LoopBenchmarkSupport.loadAverage(), composites);
                run.close();
            }
        }
    }

    /** 2: 10,000 ScaledObjects at 30 s: CPU (average cores over the window) and retained heap. */
    static void footprint(int count, int seconds) {
        long heapBefore = usedHeapAfterGc();
        Setup run = setup(count, 30, false);
        run.loops().startAll();
        sleep(Duration.ofSeconds(35));
        long cpuBefore = processCpuNanos();
        long wallBefore = System.nanoTime();
        long passesBefore = run.loops().passes();
        sleep(Duration.ofSeconds(seconds));
        double cores = (processCpuNanos() - cpuBefore) / (double) (System.nanoTime() - wallBefore);
        long passes = run.loops().passes() - passesBefore;
        var lag = run.lag().takeSnapshot();
        long heapAfter = usedHeapAfterGc();
        System.out.printf("footprint: %d ScaledObjects at 30 s, %d s window: %d passes, CPU %.3f cores average%n",
                count, seconds, passes, cores);
        // Over the loops' whole life, the first (spread) passes included.
        System.out.printf("footprint: %d skipped ticks, loop lag%s, max %.1f ms%n", run.loops().skippedTicks(),
                LoopBenchmarkSupport.percentiles(lag), lag.max(TimeUnit.MILLISECONDS));
        System.out.printf("footprint: retained heap %.1f MiB (%.2f KiB per ScaledObject), threads %d%n",
                (heapAfter - heapBefore) / 1048576.0, (heapAfter - heapBefore) / 1024.0 / count, Thread.activeCount());
        run.close();
    }

    /** 3: Kubernetes writes per minute in steady state, idle (at 0) and steadily active (at 1). */
    static void writes(int count, int seconds) {
        for (boolean active : new boolean[] {false, true}) {
            Setup run = setup(count, 1, active);
            run.loops().startAll();
            sleep(Duration.ofSeconds(5));
            long settling = run.cluster().writes();
            run.cluster().reset();
            sleep(Duration.ofSeconds(seconds));
            double perMinute = run.cluster().writes() * 60.0 / seconds;
            System.out.printf("writes (%s): %d ScaledObjects at 1 s: %d writes while settling (first passes), then %.1f writes/min"
                    + " (scale %d, status %d, events %d) and %.0f /scale reads/min over %d s%n",
                    active ? "active at 1" : "idle at 0", count, settling, perMinute, run.cluster().scales.get(),
                    run.cluster().statusPatches.get(), run.cluster().events.get(), run.cluster().reads.get() * 60.0 / seconds, seconds);
            run.close();
        }
    }

    private ScaleLoopBenchmark() {
    }
}
