package dev.tide.controller.scaling;

import dev.tide.controller.kube.ScaleClient;
import dev.tide.controller.observability.ScalingMetrics;
import dev.tide.controller.sources.ScalerCache;
import dev.tide.controller.sources.TriggerMetric;
import dev.tide.keda.api.ScaleTrigger;
import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.ScaledObjectSpec;
import dev.tide.replicas.Fallback;
import dev.tide.replicas.FallbackBehavior;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the reconciler hands to a loop: the ScaledObject as it was reconciled, its target, scalers and metrics, and
 * its fallback, read once here rather than on every pass.
 *
 * @param fallback {@code spec.fallback} when valid (KEDA's {@code HasValidFallback})
 * @param composite the compiled scalingModifiers, when the spec has them
 * @param compositeMeters the composite's series; null without scalingModifiers
 * @param created the creation timestamp, parsed once (the initial cooldown counts from it on every pass)
 * @param onlyCpuOrMemory only cpu and memory triggers: KEDA's scalers for them always answer active, so such a
 *     ScaledObject is active on every pass (it never goes to zero; the validator refuses minReplicaCount 0 for it).
 *     Beside other triggers they count for nothing: they are not polled.
 */
record Registration(ScaledObject scaledObject, ScaleClient.Target target, ScalerCache.Entry scalers,
        List<TriggerMetric> metrics, Optional<Fallback> fallback, Optional<CompositeMetric> composite,
        ScalingMetrics.TriggerMeters compositeMeters, Instant created, boolean onlyCpuOrMemory) {

    /**
     * @param previous the loop's registration before this one, if any: its compiled formula is kept while the
     *     generation and the scalers are the same, so a formula compiles once per spec change, not per reconcile
     */
    static Registration of(ScaledObject scaledObject, ScaleClient.Target target, ScalerCache.Entry scalers,
            List<TriggerMetric> metrics, Registration previous, ScalingMetrics meters) {
        Optional<CompositeMetric> composite = previous != null && previous.scalers() == scalers
                && previous.generation() == generation(scaledObject)
                ? previous.composite() : CompositeMetric.of(scaledObject.getSpec(), metrics);
        ScalingMetrics.TriggerMeters compositeMeters = composite.isEmpty() ? null
                : previous != null && previous.compositeMeters() != null ? previous.compositeMeters()
                : meters.compositeMeters(scaledObject.getMetadata().getNamespace(), scaledObject.getMetadata().getName(),
                        CompositeMetric.NAME);
        Instant created = StatusView.parse(scaledObject.getMetadata().getCreationTimestamp());
        List<ScaleTrigger> triggers = scaledObject.getSpec().triggers();
        return new Registration(scaledObject, target, scalers, metrics, validFallback(scaledObject.getSpec()), composite,
                compositeMeters, created == null ? Instant.EPOCH : created,
                !triggers.isEmpty() && triggers.stream().allMatch(ScaleTrigger::cpuOrMemory));
    }

    /** The trigger and composite series of this registration; the loop attaches them while this replica drives it. */
    Stream<ScalingMetrics.TriggerMeters> meters() {
        return Stream.concat(metrics.stream().map(TriggerMetric::meters), Stream.ofNullable(compositeMeters));
    }

    ScaledObjectSpec spec() {
        return scaledObject.getSpec();
    }

    Duration pollingInterval() {
        return Duration.ofSeconds(spec().pollingIntervalOrDefault());
    }

    long generation() {
        return generation(scaledObject);
    }

    private static long generation(ScaledObject scaledObject) {
        Long generation = scaledObject.getMetadata().getGeneration();
        return generation == null ? 0 : generation;
    }

    /** Every trigger's type, cpu and memory included (KEDA counts them in {@code keda_trigger_registered_total}). */
    List<String> triggerTypes() {
        return spec().triggers().stream().map(ScaleTrigger::type).toList();
    }

    private static Optional<Fallback> validFallback(ScaledObjectSpec spec) {
        var f = spec.fallback();
        if (f == null || f.failureThreshold() == null || f.replicas() == null || f.failureThreshold() < 0 || f.replicas() < 0) {
            return Optional.empty();
        }
        FallbackBehavior behavior = f.behavior() == null ? FallbackBehavior.STATIC : FallbackBehavior.valueOf(f.behavior().name());
        return Optional.of(new Fallback(f.failureThreshold(), f.replicas(), behavior));
    }
}
