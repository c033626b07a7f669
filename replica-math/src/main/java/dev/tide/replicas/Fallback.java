package dev.tide.replicas;

import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * KEDA's fallback ({@code pkg/fallback/fallback.go}): once a trigger has failed more than
 * {@code failureThreshold} times in a row, the metrics API serves a value chosen so that the HPA computes exactly
 * the fallback replica count, instead of an error.
 *
 * @param failureThreshold {@code spec.fallback.failureThreshold}
 * @param replicas {@code spec.fallback.replicas}
 * @param behavior {@code spec.fallback.behavior}
 */
public record Fallback(int failureThreshold, int replicas, FallbackBehavior behavior) {

    /** KEDA's {@code HasValidFallback}: both numbers at least 0 (an invalid fallback leaves the error in place). */
    public Fallback {
        Objects.requireNonNull(behavior, "behavior");
        if (failureThreshold < 0 || replicas < 0) {
            throw new IllegalArgumentException("fallback failureThreshold and replicas must be at least 0, got "
                    + failureThreshold + " and " + replicas);
        }
    }

    /** Whether this many failures in a row switch a metric to the fallback: strictly more than the threshold. */
    public boolean appliesAfter(int numberOfFailures) {
        return numberOfFailures > failureThreshold;
    }

    /** {@link FallbackBehavior#replicas(int, int)} with this fallback's replicas. */
    public OptionalInt replicaCount(int currentReplicas) {
        return behavior.replicas(replicas, currentReplicas);
    }

    /**
     * The metric value that makes the HPA arrive at {@code fallbackReplicas}: target × replicas, in milli units,
     * truncated as KEDA's {@code int64(target*1000*replicas)} truncates.
     *
     * <p>For a {@code Value} target the HPA multiplies by the ready pods, so KEDA divides the replicas by them
     * first (in float64); with no ready pod there is no such value and the fallback fails: empty.
     *
     * @param targetType the trigger's metric type (or the scaling modifiers' one)
     * @param target the trigger's target value (or the scaling modifiers' target)
     * @param fallbackReplicas from {@link #replicaCount(int)}
     * @param readyPods Running and Ready pods of the target; only read for {@code Value}
     */
    public static Optional<MilliValue> metricValue(MetricTargetType targetType, MilliValue target,
            int fallbackReplicas, int readyPods) {
        Objects.requireNonNull(targetType, "targetType");
        Objects.requireNonNull(target, "target");
        if (fallbackReplicas < 0 || readyPods < 0) {
            throw new IllegalArgumentException("replica counts cannot be negative: fallback " + fallbackReplicas
                    + ", ready pods " + readyPods);
        }
        double replicas = fallbackReplicas;
        if (targetType == MetricTargetType.VALUE) {
            if (readyPods == 0) {
                return Optional.empty();
            }
            replicas /= readyPods;
        }
        double millis = asApproximateFloat64(target) * 1000 * replicas;
        // Java's narrowing saturates where Go's int64() conversion of a too large float is undefined.
        return Optional.of(new MilliValue((long) millis));
    }

    /**
     * {@code Quantity.AsApproximateFloat64} of the target as a scaler builds it: a whole number as itself
     * ({@code NewQuantity}), otherwise milli units times {@code 10^-3} ({@code MustParse("%.3f")}), which Go computes
     * as a multiplication by the double nearest 0.001, not as a division by 1000.
     */
    static double asApproximateFloat64(MilliValue target) {
        long millis = target.millis();
        return millis % 1000 == 0 ? (double) (millis / 1000) : (double) millis * 0.001;
    }
}
