package dev.tide.controller.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tide.controller.LoopBenchmarkSupport;
import dev.tide.controller.config.LoopExecutors;
import dev.tide.controller.kube.ScaleClient;
import dev.tide.controller.observability.ScalingMetrics;
import dev.tide.controller.sources.PassRequests;
import dev.tide.keda.api.Fallback;
import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.ScaledObjectSpec;
import dev.tide.scaler.api.ScaledObjectRef;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which per-object series a replica exports: those of the loops it drives, and no others. */
class ScaleLoopSeriesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ScalingMetrics metrics = new ScalingMetrics(registry);
    private final LoopExecutors executors = LoopBenchmarkSupport.defaultExecutors();
    private final ScaleLoops loops = new ScaleLoops(new ScaleLoopBenchmark.MemoryCluster(),
            LoopBenchmarkSupport.sampler(executors, registry, metrics), metrics, Clock.systemUTC(), executors, new PublishedMetrics(),
            new PassRequests());

    @AfterEach
    void close() {
        loops.close();
        executors.close();
    }

    @Test
    void aStandbyExportsNoSeriesOfAScaledObjectUntilItDrivesItAndNoneOnceItStops() {
        register(ScaleLoopBenchmark.scaledObject("ns", "worker", 0, 1));
        assertThat(seriesOf("worker")).isEmpty();

        loops.startAll();
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.find("keda.scaler.metrics.value").tag("scaledObject", "worker")
                .gauge() != null && registry.find("keda.scaler.metrics.value").tag("scaledObject", "worker").gauge().value() == 10);
        assertThat(seriesOf("worker")).containsExactlyInAnyOrder("keda.scaler.metrics.value", "keda.scaler.metrics.latency.seconds",
                "keda.scaler.active", "keda.scaler.detail.errors", "keda.internal.scale.loop.latency.seconds",
                "keda.scaled.object.paused");

        loops.stopAll();
        assertThat(seriesOf("worker")).isEmpty();
    }

    @Test
    void aTakeoverCountsTheLoopsWhoseSeriesAreStillToBeRegisteredDownToZero() {
        for (int i = 0; i < 200; i++) {
            register(ScaleLoopBenchmark.scaledObject("ns", "worker-" + i, i, 1));
        }
        assertThat(loops.seriesPending()).isZero();

        loops.startAll();
        await().atMost(Duration.ofSeconds(10)).until(() -> loops.seriesPending() == 0);

        for (int i = 0; i < 200; i++) {
            assertThat(seriesOf("worker-" + i)).as("series of worker-%d", i).contains("keda.scaler.metrics.value");
        }
    }

    @Test
    void aReRegistrationKeepsTheSeriesAndTheirValues() {
        ScaledObject so = ScaleLoopBenchmark.scaledObject("ns", "worker", 0, 1);
        register(so);
        loops.startAll();
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.find("keda.scaler.metrics.value").tag("scaledObject", "worker")
                .gauge() != null && registry.find("keda.scaler.metrics.value").tag("scaledObject", "worker").gauge().value() == 10);

        register(so);
        so.getMetadata().setGeneration(2L);
        register(so);

        assertThat(registry.get("keda.scaler.metrics.value").tag("scaledObject", "worker").gauge().value()).isEqualTo(10);
        assertThat(seriesOf("worker")).hasSize(6);
    }

    @Test
    void onlyAScaledObjectWithAFallbackHasTheFallbackSeries() {
        ScaledObject without = ScaleLoopBenchmark.scaledObject("ns", "without", 0, 1);
        ScaledObject with = ScaleLoopBenchmark.scaledObject("ns", "with", 1, 1);
        ScaledObjectSpec spec = with.getSpec();
        with.setSpec(new ScaledObjectSpec(spec.scaleTargetRef(), spec.pollingInterval(), spec.initialCooldownPeriod(),
                spec.cooldownPeriod(), spec.idleReplicaCount(), spec.minReplicaCount(), spec.maxReplicaCount(), spec.advanced(),
                spec.triggers(), new Fallback(3, 2, null)));
        register(without);
        register(with);

        loops.startAll();

        await().atMost(Duration.ofSeconds(10)).until(() -> registry.find("tide.scaled.object.fallback.active")
                .tag("scaledObject", "with").gauge() != null);
        assertThat(registry.get("tide.scaled.object.fallback.active").tag("scaledObject", "with").gauge().value()).isZero();
        assertThat(registry.find("tide.scaled.object.fallback.active").tag("scaledObject", "without").gauge()).isNull();
        assertThat(seriesOf("without")).contains("keda.scaled.object.paused");
    }

    private void register(ScaledObject so) {
        String ns = so.getMetadata().getNamespace();
        String name = so.getMetadata().getName();
        loops.register(so, new ScaleClient.Target(ScaleLoopBenchmark.DEPLOYMENT, ns, name),
                LoopBenchmarkSupport.oneTrigger(ScaledObjectRef.scaledObject(ns, name), so.getSpec().triggers().get(0).metadata(), 5,
                        spec -> new LoopBenchmarkSupport.CheapScaler(spec, 10)));
    }

    /**
     * The names of the loop's series labelled with this ScaledObject (by {@code scaledObject} or {@code resource});
     * not the activations counter, which counts writes and is no part of the loop.
     */
    private List<String> seriesOf(String name) {
        return registry.getMeters().stream().map(Meter::getId)
                .filter(id -> name.equals(id.getTag("scaledObject")) || name.equals(id.getTag("resource")))
                .map(Meter.Id::getName).filter(series -> !series.equals("tide.scaled.object.activations")).toList();
    }
}
