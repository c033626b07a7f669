package dev.tide.replicas;

/**
 * The HPA's {@code minReplicas}/{@code maxReplicas}, applied after the metric arithmetic.
 *
 * <p>The HPA itself never runs below 1 (0 would switch it off); KEDA alone moves a target between 0 and its
 * minimum, so 0 is accepted here for simulations of the whole loop.
 */
public record ReplicaBounds(int min, int max) {

    public ReplicaBounds {
        if (min < 0 || max < 1 || max < min) {
            throw new IllegalArgumentException(
                    "need 0 <= minReplicas <= maxReplicas and maxReplicas >= 1, got " + min + " and " + max);
        }
    }

    /** The desired count inside the bounds, with the HPA condition reason that explains any change. */
    public Bounded clamp(int desired) {
        if (desired > max) {
            return new Bounded(max, Limit.TOO_MANY_REPLICAS);
        }
        if (desired < min) {
            return new Bounded(min, Limit.TOO_FEW_REPLICAS);
        }
        return new Bounded(desired, Limit.DESIRED_WITHIN_RANGE);
    }

    /** A replica count after the bounds, and which bound (if any) applied. */
    public record Bounded(int replicas, Limit limit) {
    }

    /** The HPA's {@code ScalingLimited} condition reasons. */
    public enum Limit {
        DESIRED_WITHIN_RANGE("DesiredWithinRange"),
        TOO_FEW_REPLICAS("TooFewReplicas"),
        TOO_MANY_REPLICAS("TooManyReplicas"),
        /** A scale-up policy of {@code behavior} allows no more now ({@link HpaBehaviorCalculator}). */
        SCALE_UP_LIMIT("ScaleUpLimit"),
        /** A scale-down policy of {@code behavior} allows no fewer now ({@link HpaBehaviorCalculator}). */
        SCALE_DOWN_LIMIT("ScaleDownLimit");

        private final String conditionReason;

        Limit(String conditionReason) {
            this.conditionReason = conditionReason;
        }

        /** The reason as the HPA writes it in its {@code ScalingLimited} condition. */
        public String conditionReason() {
            return conditionReason;
        }

        /** Whether a bound changed the desired count ({@code ScalingLimited=True}). */
        public boolean limited() {
            return this != DESIRED_WITHIN_RANGE;
        }
    }
}
