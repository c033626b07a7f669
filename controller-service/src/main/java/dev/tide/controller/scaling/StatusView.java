package dev.tide.controller.scaling;

import dev.tide.controller.kube.StatusWriter;
import dev.tide.controller.sources.Reading;
import dev.tide.controller.sources.TriggerMetric;
import dev.tide.keda.api.Condition;
import dev.tide.keda.api.ScaledObjectStatus.HealthStatus;
import dev.tide.keda.api.ScalableStatus.TriggerActivity;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The loop-owned members of a ScaledObject's status (lastActiveTime, health, triggersActivity, conditions), as a
 * value: built after a pass, compared with what was last written, and turned into the patch operations that differ.
 *
 * @param health {@code null} when no fallback is configured (KEDA keeps health only for fallback)
 */
record StatusView(String lastActiveTime, Map<String, HealthStatus> health, Map<String, TriggerActivity> activity,
        List<Condition> conditions) {

    /** The view after a pass: health and activity per metric, lastActiveTime as it should be persisted. */
    static StatusView after(List<TriggerMetric> metrics, Map<String, Reading> readings, TriggerHealth health,
            boolean fallbackConfigured, List<Condition> conditions, String lastActiveTime) {
        Map<String, HealthStatus> healthView = null;
        if (fallbackConfigured) {
            healthView = new TreeMap<>();
            for (TriggerMetric m : metrics) {
                int failures = health.failures(m.metricName());
                healthView.put(m.metricName(), new HealthStatus(failures, failures == 0 ? "Happy" : "Failing"));
            }
        }
        Map<String, TriggerActivity> activity = new TreeMap<>();
        for (TriggerMetric m : metrics) {
            Reading reading = readings.get(m.metricName());
            activity.put(m.metricName(), new TriggerActivity(reading != null && reading.activeOk()));
        }
        return new StatusView(lastActiveTime, healthView, activity, List.copyOf(conditions));
    }

    /**
     * lastActiveTime as it goes into the status (whole seconds, as metav1.Time). While the ScaledObject stays active
     * it is not refreshed on every pass (KEDA writes it every pass: a write per ScaledObject per pollingInterval); it
     * is written with any other status change and at once when the ScaledObject turns inactive, which is when the
     * cooldown starts counting from it. A new leader or a restarted controller that finds Active=True in the status
     * counts the ScaledObject as active until it takes over ({@link LoopState#adopt}), so no cooldown ends early.
     */
    static String persistedLastActiveTime(Instant exact, String previous, boolean activeNow) {
        if (exact == null || (activeNow && previous != null)) {
            return previous;
        }
        Instant written = parse(previous);
        Instant truncated = exact.truncatedTo(ChronoUnit.SECONDS);
        return written != null && !truncated.isAfter(written) ? previous : truncated.toString();
    }

    /** When the status is written anyway, lastActiveTime comes up to date with it. */
    StatusView withLastActiveTimeUpTo(Instant exact) {
        if (exact == null) {
            return this;
        }
        Instant truncated = exact.truncatedTo(ChronoUnit.SECONDS);
        Instant written = parse(lastActiveTime);
        return written == null || truncated.isAfter(written)
                ? new StatusView(truncated.toString(), health, activity, conditions) : this;
    }

    /** The patch operations that set every member that differs from {@code before} (everything when null). */
    List<StatusWriter.Operation> changesSince(StatusView before) {
        List<StatusWriter.Operation> ops = new ArrayList<>();
        if (lastActiveTime != null && (before == null || !Objects.equals(lastActiveTime, before.lastActiveTime()))) {
            ops.add(StatusWriter.Operation.set("/status/lastActiveTime", lastActiveTime));
        }
        if (health != null && (before == null || !Objects.equals(health, before.health()))) {
            ops.add(StatusWriter.Operation.set("/status/health", health));
        }
        if (before == null || !Objects.equals(activity, before.activity())) {
            ops.add(StatusWriter.Operation.set("/status/triggersActivity", activity));
        }
        if (before == null || !Objects.equals(conditions, before.conditions())) {
            ops.add(StatusWriter.Operation.set("/status/conditions", conditions));
        }
        return ops;
    }

    static Instant parse(String timestamp) {
        if (timestamp == null || timestamp.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
