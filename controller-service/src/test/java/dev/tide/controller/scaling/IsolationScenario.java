package dev.tide.controller.scaling;

import static dev.tide.controller.LoopBenchmarkSupport.at;
import static dev.tide.controller.LoopBenchmarkSupport.processCpuNanos;
import static dev.tide.controller.LoopBenchmarkSupport.sleep;
import dev.tide.controller.LoopBenchmarkSupport;
import dev.tide.controller.LoopBenchmarkSupport.CheapScaler;
import dev.tide.controller.kube.ScaleClient;
import dev.tide.keda.api.ScaleTarget;
import dev.tide.keda.api.ScaleTrigger;
import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.ScaledObjectSpec;
import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.ScaledObjectRef;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerSample;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Scenario 4 of {@link ScaleLoopBenchmark}: healthy loops next to loops whose source hangs. Not a test. */
final class IsolationScenario {

    private IsolationScenario() {
    }

    /**
     * 4: the loop lag of {@code count} healthy ScaledObjects at 1 s, alone and then next to 10% more whose source
     * hangs (every read blocks until interrupted at its 3 s deadline), in one JVM. The healthy ones' lag comes from
     * their own {@code keda_internal_scale_loop_latency_seconds} gauges, sampled once a second.
     */
    static void isolation(int count, int seconds) {
        ScaleLoopBenchmark.warmUp(count);
        for (int hangingCount : new int[] {0, count / 10}) {
            ScaleLoopBenchmark.Setup run = ScaleLoopBenchmark.setup(count, 1, false);
            CountDownLatch hang = new CountDownLatch(1);
            for (int i = 0; i < hangingCount; i++) {
                registerHanging(run.loops(), "hang-" + i, hang);
            }
            long cpuBefore = processCpuNanos();
            long wallBefore = System.nanoTime();
            run.loops().startAll();
            sleep(Duration.ofSeconds(5));
            List<Double> healthyLagMillis = new ArrayList<>();
            var gauges = run.registry().find("keda.internal.scale.loop.latency.seconds").gauges().stream()
                    .filter(g -> g.getId().getTag("namespace").startsWith("bench-")).toList();
            for (int second = 0; second < seconds; second++) {
                sleep(Duration.ofSeconds(1));
                gauges.forEach(g -> healthyLagMillis.add(g.value() * 1000));
            }
            double cores = (processCpuNanos() - cpuBefore) / (double) (System.nanoTime() - wallBefore);
            Collections.sort(healthyLagMillis);
            System.out.printf("isolation: %d healthy + %d hanging ScaledObjects at 1 s, %d s: healthy lag p50 %.1f / p95 %.1f / p99 %.1f"
                    + " / max %.1f ms (%d samples of %d gauges), %d skipped ticks, CPU %.2f cores, threads %d%n",
                    count, hangingCount, seconds, at(healthyLagMillis, 0.50), at(healthyLagMillis, 0.95), at(healthyLagMillis, 0.99),
                    healthyLagMillis.get(healthyLagMillis.size() - 1), healthyLagMillis.size(), gauges.size(),
                    run.loops().skippedTicks(), cores, Thread.activeCount());
            hang.countDown();
            run.close();
        }
    }

    /** A ScaledObject whose only trigger's reads block until {@code hang} opens or the read is interrupted. */
    static void registerHanging(ScaleLoops loops, String name, CountDownLatch hang) {
        String ns = "hanging";
        ScaledObject so = new ScaledObject();
        so.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).withGeneration(1L)
                .withCreationTimestamp(Instant.now().minusSeconds(3600).toString()).withUid("uid-" + name).build());
        var trigger = new ScaleTrigger("bench", null, Map.of("source", name), null, null, null);
        so.setSpec(new ScaledObjectSpec(new ScaleTarget(name, null, null, null), 1, null, 300, null, null, null,
                null, List.of(trigger), null));
        var entry = LoopBenchmarkSupport.oneTrigger(ScaledObjectRef.scaledObject(ns, name), trigger.metadata(), 5,
                spec -> hanging(new CheapScaler(spec, 0), hang));
        loops.register(so, new ScaleClient.Target(ScaleLoopBenchmark.DEPLOYMENT, ns, name), entry);
    }

    /** A scaler whose reads block until {@code hang} opens or the read is interrupted. */
    static Scaler hanging(Scaler cheap, CountDownLatch hang) {
        return new Scaler() {
            @Override
            public List<MetricSpec> metricSpecs() {
                return cheap.metricSpecs();
            }

            @Override
            public ScalerSample sample(String metricName) {
                try {
                    hang.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return cheap.sample(metricName);
            }

            @Override
            public void close() {
            }
        };
    }
}
