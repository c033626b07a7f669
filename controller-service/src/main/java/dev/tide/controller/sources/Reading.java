package dev.tide.controller.sources;

import dev.tide.scaler.api.MetricValue;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One read of one metric: its values and activity, or why it failed.
 *
 * @param failure empty when the read succeeded; else the cause in words safe to show anywhere (no secret value)
 * @param refused the read never reached the source: a guard refused it (circuit breaker open, source hanging, its
 *     share in flight); the source's own failure is what the breaker or the deadline saw before
 */
public record Reading(String metricName, List<MetricValue> values, boolean active, Instant timestamp,
        Optional<String> failure, boolean refused) {

    public static Reading ok(String metricName, List<MetricValue> values, boolean active, Instant timestamp) {
        return new Reading(metricName, List.copyOf(values), active, timestamp, Optional.empty(), false);
    }

    public static Reading failed(String metricName, Instant timestamp, String cause, boolean refused) {
        return new Reading(metricName, List.of(), false, timestamp, Optional.of(cause), refused);
    }

    public boolean ok() {
        return failure.isEmpty();
    }

    /** Read without error and active. */
    public boolean activeOk() {
        return ok() && active;
    }

    /** Why the read failed; empty when it did not. */
    public String describeFailure() {
        return failure.orElse("");
    }
}
