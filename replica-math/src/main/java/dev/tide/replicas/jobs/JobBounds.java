package dev.tide.replicas.jobs;

/**
 * A ScaledJob's replica bounds as KEDA reads them ({@code ScaledJob.MinReplicaCount()} and
 * {@code MaxReplicaCount()}).
 *
 * @param min Jobs kept running whatever the queue says: {@code minReplicaCount}, 0 when unset, and never above
 *     {@code maxReplicaCount}
 * @param maxReplicaCount the effective maximum the strategies work with: {@code maxReplicaCount - min}, or
 *     {@code maxReplicaCount} itself when the minimum is above it, and 100 when {@code maxReplicaCount} is unset
 *     (KEDA's default is not reduced by the minimum)
 */
public record JobBounds(long min, long maxReplicaCount) {

    /** KEDA's {@code defaultScaledJobMaxReplicaCount}. */
    public static final int DEFAULT_MAX_REPLICA_COUNT = 100;

    /** From the spec's {@code minReplicaCount} and {@code maxReplicaCount}, either of which may be unset (null). */
    public static JobBounds of(Integer minReplicaCount, Integer maxReplicaCount) {
        long min;
        if (minReplicaCount == null) {
            min = 0;
        } else if (maxReplicaCount != null && minReplicaCount > maxReplicaCount) {
            min = maxReplicaCount;
        } else {
            min = minReplicaCount;
        }
        long max;
        if (maxReplicaCount == null) {
            max = DEFAULT_MAX_REPLICA_COUNT;
        } else if (minReplicaCount != null && minReplicaCount > maxReplicaCount) {
            max = maxReplicaCount;
        } else {
            max = maxReplicaCount - min;
        }
        return new JobBounds(min, max);
    }
}
