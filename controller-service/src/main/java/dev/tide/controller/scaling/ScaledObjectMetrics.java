package dev.tide.controller.scaling;

import dev.tide.controller.sources.Reading;
import dev.tide.controller.sources.TriggerMetric;
import dev.tide.replicas.Fallback;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the scale loop publishes about one ScaledObject after each pass, for the metrics API: its metrics, the last
 * reading of each, its fallback and the replica count the last pass saw.
 *
 * @param currentReplicas empty until a pass has read the target's replicas
 * @param health the loop's failure counts, which reads through the metrics API count into as well
 * @param composite the compiled scalingModifiers, when the ScaledObject has them
 */
public record ScaledObjectMetrics(List<TriggerMetric> metrics, Map<String, Reading> lastReadings, Optional<Fallback> fallback,
        OptionalInt currentReplicas, TriggerHealth health, Optional<CompositeMetric> composite) {

    public Optional<TriggerMetric> metric(String metricName) {
        return metrics.stream().filter(m -> m.metricName().equals(metricName)).findFirst();
    }

    public Optional<Reading> lastReading(String metricName) {
        return Optional.ofNullable(lastReadings.get(metricName));
    }
}
