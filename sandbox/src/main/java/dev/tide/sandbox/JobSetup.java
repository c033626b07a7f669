package dev.tide.sandbox;

import dev.tide.keda.api.ScaleTrigger;
import dev.tide.keda.api.ScaledJob;
import dev.tide.keda.api.ScaledJobSpec;
import dev.tide.replicas.jobs.JobBounds;
import dev.tide.replicas.jobs.JobHistory;

/**
 * What the jobs scenario reads from the ScaledJob it applies, the built-in one or a {@code --scaled-job} file.
 *
 * @param name the ScaledJob's name: its Jobs carry it in {@code scaledjob.keda.sh/name}
 * @param maxReplicaCount most Jobs running at once (KEDA's default when unset)
 * @param successfulJobsHistoryLimit succeeded Jobs kept (KEDA's default when unset); every Job of the sandbox succeeds
 * @param messagesPerJob how many messages one Job takes: the kafka trigger's {@code lagThreshold}, the value one Job
 *     stands for in KEDA's arithmetic
 */
record JobSetup(String name, int maxReplicaCount, int successfulJobsHistoryLimit, long messagesPerJob) {

    /** The kafka scaler's default {@code lagThreshold}. */
    static final long DEFAULT_LAG_THRESHOLD = 10;

    JobSetup {
        if (messagesPerJob < 1) {
            throw new SandboxException("the ScaledJob's kafka trigger has lagThreshold " + messagesPerJob
                    + ": one Job takes lagThreshold messages, so it must be at least 1");
        }
    }

    static JobSetup of(ScaledJob scaledJob) {
        ScaledJobSpec spec = scaledJob.getSpec();
        ScaleTrigger kafka = spec.triggers().stream().filter(t -> "kafka".equals(t.type())).findFirst()
                .orElseThrow(() -> new SandboxException("the ScaledJob " + scaledJob.getMetadata().getName()
                        + " has no kafka trigger: the sandbox's Jobs take their messages from topic orders"));
        String threshold = kafka.metadata().get("lagThreshold");
        long messagesPerJob;
        try {
            messagesPerJob = threshold == null ? DEFAULT_LAG_THRESHOLD : Long.parseLong(threshold.trim());
        } catch (NumberFormatException e) {
            throw new SandboxException("the ScaledJob's kafka trigger has lagThreshold \"" + threshold
                    + "\", not a whole number");
        }
        return new JobSetup(scaledJob.getMetadata().getName(),
                spec.maxReplicaCount() == null ? JobBounds.DEFAULT_MAX_REPLICA_COUNT : spec.maxReplicaCount(),
                spec.successfulJobsHistoryLimit() == null ? JobHistory.DEFAULT_LIMIT : spec.successfulJobsHistoryLimit(),
                messagesPerJob);
    }
}
