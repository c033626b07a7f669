package dev.tide.metrics;

import java.time.Instant;
import java.util.List;

/**
 * The controller's 200 answer (docs/internal-metrics-api.md).
 *
 * @param namespace the ScaledObject's namespace
 * @param scaledObject the ScaledObject's name
 * @param metricName the metric asked for
 * @param values the values, each a quantity in milli precision
 * @param fromLastPoll whether the value came from the scale loop's last poll rather than a live read
 * @param fallback whether the value is KEDA's fallback because the source kept failing
 */
record ControllerMetric(
        String namespace, String scaledObject, String metricName, List<Value> values, Boolean fromLastPoll,
        Boolean fallback) {

    ControllerMetric {
        values = values == null ? List.of() : List.copyOf(values);
        // Absent flags mean false; Jackson 3 refuses a missing primitive.
        fromLastPoll = Boolean.TRUE.equals(fromLastPoll);
        fallback = Boolean.TRUE.equals(fallback);
    }

    /**
     * One value.
     *
     * @param metricName the metric name
     * @param value a Kubernetes quantity ({@code 5}, {@code 2500m})
     * @param timestamp when the source was read
     */
    record Value(String metricName, String value, Instant timestamp) {}

    /**
     * The controller's error body.
     *
     * @param reason a stable reason ({@code ScaledObjectNotFound}, {@code NotLeader}, …)
     * @param message what went wrong, without credentials
     * @param owner with {@code NotOwner} (sharded controllers), the identity (pod name) of the replica that
     *     drives the ScaledObject; may be absent
     */
    record Error(String reason, String message, String owner) {}
}
