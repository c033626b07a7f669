package dev.tide.controller.scaling;

import dev.tide.controller.kube.ScaleClient;
import dev.tide.controller.sources.ScalerCache;
import dev.tide.controller.sources.TriggerMetric;
import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.ScaledObjectSpec;
import dev.tide.replicas.Fallback;
import dev.tide.replicas.FallbackBehavior;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the reconciler hands to a loop: the ScaledObject as it was reconciled, its target, scalers and metrics, and
 * its fallback, read once here rather than on every pass.
 *
 * @param fallback {@code spec.fallback} when valid (KEDA's {@code HasValidFallback})
 */
record Registration(ScaledObject scaledObject, ScaleClient.Target target, ScalerCache.Entry scalers,
        List<TriggerMetric> metrics, Optional<Fallback> fallback) {

    static Registration of(ScaledObject scaledObject, ScaleClient.Target target, ScalerCache.Entry scalers,
            List<TriggerMetric> metrics) {
        return new Registration(scaledObject, target, scalers, metrics, validFallback(scaledObject.getSpec()));
    }

    ScaledObjectSpec spec() {
        return scaledObject.getSpec();
    }

    Duration pollingInterval() {
        return Duration.ofSeconds(spec().pollingIntervalOrDefault());
    }

    long generation() {
        Long generation = scaledObject.getMetadata().getGeneration();
        return generation == null ? 0 : generation;
    }

    List<String> triggerTypes() {
        return scalers.configs().stream().map(c -> c.type()).toList();
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
