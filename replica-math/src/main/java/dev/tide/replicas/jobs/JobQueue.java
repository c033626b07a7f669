package dev.tide.replicas.jobs;

import java.util.List;

/**
 * The queue a ScaledJob's triggers report, as KEDA computes it ({@code pkg/scaling/scaledjob/metrics.go}).
 *
 * <p>Per trigger: the queue length is the sum of the values of its first metric, and its {@code maxValue} the queue
 * divided by the mean {@code AverageValue} target of its metrics (a {@code Value} target counts as 0), capped at the
 * effective maximum; 0 when the mean target is 0. Several triggers then combine per
 * {@link ScalerCalculation}, over the active triggers only.
 */
public final class JobQueue {

    private JobQueue() {
    }

    /**
     * One trigger's queue.
     *
     * @param queueLength the sum of its first metric's values
     * @param maxValue {@code min(queueLength / target, maxReplicaCount)}
     * @param active whether the trigger said it is active
     */
    public record ScalerQueue(double queueLength, double maxValue, boolean active) {
    }

    /**
     * KEDA's {@code IsScaledJobActive} result.
     *
     * @param active a trigger was active (as the calculation picks it), or {@code min > 0}
     * @param scaleTo the combined queue length, rounded up: how many Jobs the queue asks for
     * @param maxScale the combined {@code maxValue}, capped at the effective maximum and rounded up
     */
    public record Demand(boolean active, long scaleTo, long maxScale) {
    }

    /**
     * KEDA's {@code CalculateQueueLengthAndMaxValue} for one trigger.
     *
     * @param firstMetricValues the values the trigger read for its first metric
     * @param averageValueTargets each of its metrics' {@code AverageValue} target, 0 for a {@code Value} target
     * @param maxReplicaCount the effective maximum ({@link JobBounds#maxReplicaCount()})
     */
    public static ScalerQueue scaler(List<Double> firstMetricValues, List<Double> averageValueTargets, boolean active,
            long maxReplicaCount) {
        double queueLength = 0;
        for (double value : firstMetricValues) {
            queueLength += value;
        }
        double target = averageTarget(averageValueTargets);
        double maxValue = target == 0 ? 0 : Math.min(queueLength / target, maxReplicaCount);
        return new ScalerQueue(queueLength, maxValue, active);
    }

    /**
     * KEDA's {@code getTargetAverageValue}: the mean of a trigger's {@code AverageValue} targets, summed in order as
     * Go sums them (not with the JDK's compensated sum, which can differ in the last bit); 0 without metrics.
     */
    public static double averageTarget(List<Double> averageValueTargets) {
        double total = 0;
        for (double target : averageValueTargets) {
            total += target;
        }
        return averageValueTargets.isEmpty() ? 0 : total / averageValueTargets.size();
    }

    /**
     * KEDA's {@code IsScaledJobActive}: the triggers' queues combined, KEDA's quirks kept: under {@link
     * ScalerCalculation#MAX} an active trigger counts only when its queue is strictly longer than the longest so far
     * (so active triggers whose queues are all 0 leave the ScaledJob inactive), and under {@link ScalerCalculation#MIN}
     * a queue of 0 taken so far is replaced by the next active trigger's.
     */
    public static Demand combine(List<ScalerQueue> scalers, ScalerCalculation calculation, JobBounds bounds) {
        double queueLength = 0;
        double maxValue = 0;
        boolean active = false;
        switch (calculation) {
            case MIN -> {
                for (ScalerQueue s : scalers) {
                    if ((queueLength == 0 || s.queueLength() < queueLength) && s.active()) {
                        queueLength = s.queueLength();
                        maxValue = s.maxValue();
                        active = true;
                    }
                }
            }
            case AVG, SUM -> {
                int count = 0;
                for (ScalerQueue s : scalers) {
                    if (s.active()) {
                        queueLength += s.queueLength();
                        maxValue += s.maxValue();
                        active = true;
                        count++;
                    }
                }
                if (calculation == ScalerCalculation.AVG && count != 0) {
                    queueLength /= count;
                    maxValue /= count;
                }
            }
            case MAX -> {
                for (ScalerQueue s : scalers) {
                    if (s.queueLength() > queueLength && s.active()) {
                        queueLength = s.queueLength();
                        maxValue = s.maxValue();
                        active = true;
                    }
                }
            }
        }
        if (bounds.min() > 0) {
            active = true;
        }
        maxValue = Math.min(maxValue, bounds.maxReplicaCount());
        return new Demand(active, (long) Math.ceil(queueLength), (long) Math.ceil(maxValue));
    }
}
