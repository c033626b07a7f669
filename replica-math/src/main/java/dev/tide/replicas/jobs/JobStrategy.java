package dev.tide.replicas.jobs;

import java.util.OptionalDouble;

/**
 * {@code scalingStrategy.strategy}: how many new Jobs a ScaledJob may start, given its demand and the Jobs running
 * (KEDA's {@code ScalingStrategy.GetEffectiveMaxScale}). Every argument is KEDA's: {@code running} is the running
 * Jobs minus the minimum, {@code maxReplicaCount} the effective maximum ({@link JobBounds}).
 */
public sealed interface JobStrategy {

    /** The most Jobs to create this pass (may be negative: none), and how many the queue asks for. */
    record Limit(long effectiveMaxScale, long scaleTo) {
    }

    Limit limit(long maxScale, long running, long pending, long maxReplicaCount, long scaleTo);

    /** {@code default}: the queue's demand minus the Jobs already running. */
    record Default() implements JobStrategy {
        @Override
        public Limit limit(long maxScale, long running, long pending, long maxReplicaCount, long scaleTo) {
            return new Limit(maxScale - running, scaleTo);
        }
    }

    /**
     * {@code custom}: {@code min(maxScale - deduction - int(running × percentage), maxReplicaCount)}.
     *
     * @param deduction {@code customScalingQueueLengthDeduction}, 0 when unset
     * @param runningPercentage {@code customScalingRunningJobPercentage}
     */
    record Custom(long deduction, double runningPercentage) implements JobStrategy {
        @Override
        public Limit limit(long maxScale, long running, long pending, long maxReplicaCount, long scaleTo) {
            long result = maxScale - deduction - (long) (running * runningPercentage);
            return new Limit(Math.min(result, maxReplicaCount), scaleTo);
        }
    }

    /** {@code accurate}: counts pending Jobs as already taking messages, and never exceeds the maximum. */
    record Accurate() implements JobStrategy {
        @Override
        public Limit limit(long maxScale, long running, long pending, long maxReplicaCount, long scaleTo) {
            if (maxScale + running - pending > maxReplicaCount) {
                return new Limit(maxReplicaCount - running, scaleTo);
            }
            return new Limit(maxScale - pending, scaleTo);
        }
    }

    /** {@code eager}: fills every free slot up to the maximum at once, so it asks for the maximum. */
    record Eager() implements JobStrategy {
        @Override
        public Limit limit(long maxScale, long running, long pending, long maxReplicaCount, long scaleTo) {
            return new Limit(Math.min(maxReplicaCount - running - pending, maxScale), maxReplicaCount);
        }
    }

    /**
     * KEDA's {@code NewScalingStrategy}: {@code custom} needs a percentage that parses as a float (the caller parses
     * it as Go's {@code ParseFloat} does; an empty or unset one does not parse) and is {@code default} otherwise;
     * an empty or unknown strategy is {@code default}.
     *
     * @param deduction {@code customScalingQueueLengthDeduction}, null when unset
     * @param runningPercentage {@code customScalingRunningJobPercentage} as parsed, empty when it does not parse
     */
    static JobStrategy of(String strategy, Integer deduction, OptionalDouble runningPercentage) {
        if (strategy == null) {
            return new Default();
        }
        return switch (strategy) {
            case "custom" -> runningPercentage.isPresent()
                    ? new Custom(deduction == null ? 0 : deduction, runningPercentage.getAsDouble()) : new Default();
            case "accurate" -> new Accurate();
            case "eager" -> new Eager();
            default -> new Default();
        };
    }
}
