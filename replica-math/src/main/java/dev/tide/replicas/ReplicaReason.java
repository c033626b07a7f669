package dev.tide.replicas;

/** Why the HPA arrives at a replica count, or why it cannot. */
public enum ReplicaReason {
    /** The usage ratio is within the tolerance: the current count stays. */
    WITHIN_TOLERANCE(false),
    /** {@code AverageValue}: ceil(sum of values / target). */
    AVERAGE_VALUE(false),
    /** {@code Value}: ceil(sum / target × ready pods). */
    VALUE_TIMES_READY_PODS(false),
    /** {@code Value} with zero current replicas: ceil(sum / target), ignoring pods and tolerance. */
    VALUE_FROM_ZERO_REPLICAS(false),

    /** The metrics API returned an error for this metric. */
    METRIC_UNAVAILABLE(true),
    /** The metrics API returned no value for this metric. */
    NO_METRIC_VALUES(true),
    /** The target is zero; the API server refuses such an HPA, so no proposal can exist. */
    INVALID_TARGET(true),
    /** {@code Value} target with current replicas but no pods matched by the selector. */
    NO_PODS_MATCHED(true),

    /** Every metric is invalid: the HPA reports an error and keeps the replica count. */
    ALL_METRICS_INVALID(true),
    /** Some metric is invalid and the valid ones would scale down: the HPA keeps the count rather than guess low. */
    INVALID_METRICS_PREVENT_SCALE_DOWN(true);

    private final boolean invalid;

    ReplicaReason(boolean invalid) {
        this.invalid = invalid;
    }

    /** True when no replica count could be computed; the accompanying count is then the unchanged one. */
    public boolean invalid() {
        return invalid;
    }
}
