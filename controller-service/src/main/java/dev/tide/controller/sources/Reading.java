package dev.tide.controller.sources;

import dev.tide.scaler.api.MetricValue;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One read of one metric: its values and activity, or why it failed.
 *
 * @param failure empty when the read succeeded
 */
public record Reading(String metricName, List<MetricValue> values, boolean active, Instant timestamp,
        Optional<Throwable> failure) {

    public static Reading ok(String metricName, List<MetricValue> values, boolean active, Instant timestamp) {
        return new Reading(metricName, List.copyOf(values), active, timestamp, Optional.empty());
    }

    public static Reading failed(String metricName, Instant timestamp, Throwable failure) {
        return new Reading(metricName, List.of(), false, timestamp, Optional.of(failure));
    }

    public boolean ok() {
        return failure.isEmpty();
    }

    /** Read without error and active. */
    public boolean activeOk() {
        return ok() && active;
    }

    /** A short, stable description of the failure that never quotes the exception's message. */
    public String describeFailure() {
        return failure.map(SourceGuards::describe).orElse("");
    }
}
