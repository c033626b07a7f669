package dev.tide.replicas;

import java.time.Instant;
import java.util.Objects;

/**
 * The HPA's {@code spec.behavior} applied to a desired replica count: stabilization windows, then scaling policies
 * and the min/max clamp. Kubernetes' {@code normalizeDesiredReplicasWithBehaviors},
 * {@code stabilizeRecommendationWithBehaviors}, {@code convertDesiredReplicasWithBehaviorRate},
 * {@code calculateScaleUpLimitWithScalingRules} and {@code calculateScaleDownLimitWithBehaviors}
 * ({@code pkg/controller/podautoscaler/horizontal.go}), with the time passed in.
 *
 * <p>An HPA without {@code behavior} takes an older code path in Kubernetes (scale-up limited to
 * max(2 × current, 4) per sync); at the default 15 s sync it allows the same as {@link HpaBehavior#DEFAULT}, which is
 * what we apply to it.
 */
public final class HpaBehaviorCalculator {

    private HpaBehaviorCalculator() {
    }

    /**
     * The replica count to write, and the history to keep for the next sync.
     *
     * @param behavior the HPA's behavior, defaults filled in
     * @param bounds the HPA's min/max
     * @param currentReplicas {@code /scale spec.replicas}
     * @param desiredReplicas what the metrics propose ({@link HpaReplicaCalculator#desiredReplicas})
     * @param history what the previous syncs left
     * @param now the time of this sync
     */
    public static Normalized normalize(HpaBehavior behavior, ReplicaBounds bounds, int currentReplicas,
            int desiredReplicas, HpaHistory history, Instant now) {
        Objects.requireNonNull(behavior, "behavior");
        Objects.requireNonNull(bounds, "bounds");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(now, "now");
        Stabilized stabilized = stabilize(behavior, currentReplicas, desiredReplicas, history, now);
        Stabilization stabilization = stabilized.replicas() == desiredReplicas ? Stabilization.READY_FOR_NEW_SCALE
                : desiredReplicas >= currentReplicas ? Stabilization.SCALE_UP_STABILIZED
                : Stabilization.SCALE_DOWN_STABILIZED;
        ReplicaBounds.Bounded limited = limitRate(behavior, bounds, currentReplicas, stabilized.replicas(), history, now);
        return new Normalized(limited.replicas(), stabilized.replicas(), stabilization, limited.limit(),
                history.withRecommendation(desiredReplicas, now, behavior));
    }

    /**
     * The recommendation held between the lowest recommendation within the scale-up window and the highest within
     * the scale-down window, starting from the current count.
     */
    static Stabilized stabilize(HpaBehavior behavior, int currentReplicas, int desiredReplicas, HpaHistory history,
            Instant now) {
        Instant upCutoff = now.minus(behavior.scaleUp().stabilizationWindow());
        Instant downCutoff = now.minus(behavior.scaleDown().stabilizationWindow());
        int upRecommendation = desiredReplicas;
        int downRecommendation = desiredReplicas;
        for (HpaHistory.Recommendation recommendation : history.recommendations()) {
            if (recommendation.at().isAfter(upCutoff)) {
                upRecommendation = Math.min(recommendation.replicas(), upRecommendation);
            }
            if (recommendation.at().isAfter(downCutoff)) {
                downRecommendation = Math.max(recommendation.replicas(), downRecommendation);
            }
        }
        int recommendation = Math.max(currentReplicas, upRecommendation);
        return new Stabilized(Math.min(recommendation, downRecommendation));
    }

    /** The policies' rate limit in the direction of the change, then the HPA's min/max. */
    static ReplicaBounds.Bounded limitRate(HpaBehavior behavior, ReplicaBounds bounds, int currentReplicas,
            int desiredReplicas, HpaHistory history, Instant now) {
        if (desiredReplicas > currentReplicas) {
            int scaleUpLimit = Math.max(currentReplicas, scaleUpLimit(behavior.scaleUp(), currentReplicas, history, now));
            boolean rateBinds = bounds.max() > scaleUpLimit;
            int allowed = rateBinds ? scaleUpLimit : bounds.max();
            if (desiredReplicas > allowed) {
                return new ReplicaBounds.Bounded(allowed,
                        rateBinds ? ReplicaBounds.Limit.SCALE_UP_LIMIT : ReplicaBounds.Limit.TOO_MANY_REPLICAS);
            }
        } else if (desiredReplicas < currentReplicas) {
            int scaleDownLimit = Math.min(currentReplicas,
                    scaleDownLimit(behavior.scaleDown(), currentReplicas, history, now));
            boolean rateBinds = bounds.min() < scaleDownLimit;
            int allowed = rateBinds ? scaleDownLimit : bounds.min();
            if (desiredReplicas < allowed) {
                return new ReplicaBounds.Bounded(allowed,
                        rateBinds ? ReplicaBounds.Limit.SCALE_DOWN_LIMIT : ReplicaBounds.Limit.TOO_FEW_REPLICAS);
            }
        }
        return new ReplicaBounds.Bounded(desiredReplicas, ReplicaBounds.Limit.DESIRED_WITHIN_RANGE);
    }

    /** The highest count the scale-up policies allow now, counted from the replicas at the start of each period. */
    static int scaleUpLimit(ScalingRules rules, int currentReplicas, HpaHistory history, Instant now) {
        return limit(rules, currentReplicas, history, now, true);
    }

    /** The lowest count the scale-down policies allow now. */
    static int scaleDownLimit(ScalingRules rules, int currentReplicas, HpaHistory history, Instant now) {
        return limit(rules, currentReplicas, history, now, false);
    }

    private static int limit(ScalingRules rules, int currentReplicas, HpaHistory history, Instant now, boolean up) {
        if (rules.selectPolicy() == SelectPolicy.DISABLED) {
            return currentReplicas;
        }
        // Max selects the largest change: the highest count up, the lowest down; Min the other way round.
        boolean highest = up == (rules.selectPolicy() == SelectPolicy.MAX);
        long result = highest ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        for (ScalingPolicy policy : rules.policies()) {
            long periodStart = periodStartReplicas(policy, currentReplicas, history, now);
            double percent = policy.value() / 100.0;
            long proposed;
            if (policy.type() == ScalingPolicy.Type.PODS) {
                proposed = up ? periodStart + policy.value() : periodStart - policy.value();
            } else {
                // Up is rounded up, or a small target would never grow; down is truncated, as Go's int32() truncates.
                proposed = up ? (long) Math.ceil(periodStart * (1 + percent)) : (long) (periodStart * (1 - percent));
            }
            result = highest ? Math.max(result, proposed) : Math.min(result, proposed);
        }
        return saturate(result);
    }

    private static long periodStartReplicas(ScalingPolicy policy, int currentReplicas, HpaHistory history,
            Instant now) {
        return (long) currentReplicas
                - HpaHistory.changeWithin(history.scaleUpEvents(), policy.period(), now)
                + HpaHistory.changeWithin(history.scaleDownEvents(), policy.period(), now);
    }

    private static int saturate(long value) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    record Stabilized(int replicas) {
    }

    /**
     * One sync's result.
     *
     * @param replicas what to write to {@code /scale}
     * @param stabilized the recommendation after the stabilization windows, before the rate limit and bounds
     * @param stabilization the HPA's {@code AbleToScale} reason
     * @param limit the HPA's {@code ScalingLimited} reason
     * @param history to pass to the next sync (record the write with {@link HpaHistory#withScale})
     */
    public record Normalized(int replicas, int stabilized, Stabilization stabilization, ReplicaBounds.Limit limit,
            HpaHistory history) {
    }

    /** The HPA's {@code AbleToScale=True} condition reasons. */
    public enum Stabilization {
        READY_FOR_NEW_SCALE("ReadyForNewScale"),
        SCALE_UP_STABILIZED("ScaleUpStabilized"),
        SCALE_DOWN_STABILIZED("ScaleDownStabilized");

        private final String conditionReason;

        Stabilization(String conditionReason) {
            this.conditionReason = conditionReason;
        }

        public String conditionReason() {
            return conditionReason;
        }
    }
}
