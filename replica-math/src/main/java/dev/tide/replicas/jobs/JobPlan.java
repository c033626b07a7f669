package dev.tide.replicas.jobs;

/**
 * How many Jobs one pass of a ScaledJob creates (KEDA's {@code getScalingDecision} and {@code createJobs}): below
 * the minimum, enough to reach it; otherwise what the strategy allows, never negative, and only while active.
 *
 * @param effectiveMaxScale the strategy's limit, at least 0
 * @param scaleTo what the queue asks for (the maximum under {@code eager})
 * @param create the Jobs to create now: {@code min(scaleTo, effectiveMaxScale)} when active, else 0
 */
public record JobPlan(long effectiveMaxScale, long scaleTo, long create) {

    /**
     * @param running Jobs of this ScaledJob that have not finished
     * @param pending those of them whose pods have not started ({@link PendingJobs})
     */
    public static JobPlan decide(JobStrategy strategy, JobBounds bounds, JobQueue.Demand demand, long running, long pending) {
        long effectiveMaxScale;
        long scaleTo;
        if (running < bounds.min()) {
            effectiveMaxScale = bounds.min() - running;
            scaleTo = effectiveMaxScale;
        } else {
            JobStrategy.Limit limit = strategy.limit(demand.maxScale(), running - bounds.min(), pending,
                    bounds.maxReplicaCount(), demand.scaleTo());
            effectiveMaxScale = limit.effectiveMaxScale();
            scaleTo = limit.scaleTo();
        }
        effectiveMaxScale = Math.max(0, effectiveMaxScale);
        long create = demand.active() && effectiveMaxScale > 0 ? Math.min(scaleTo, effectiveMaxScale) : 0;
        return new JobPlan(effectiveMaxScale, scaleTo, Math.max(0, create));
    }
}
