package dev.tide.controller.jobs;

import dev.tide.controller.sources.ScalerCache;
import dev.tide.controller.sources.TriggerMetric;
import dev.tide.keda.api.GoFloat;
import dev.tide.keda.api.ScaledJob;
import dev.tide.keda.api.ScaledJobSpec;
import dev.tide.replicas.jobs.JobBounds;
import dev.tide.replicas.jobs.JobHistory;
import dev.tide.replicas.jobs.JobStrategy;
import dev.tide.replicas.jobs.ScalerCalculation;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * What the reconciler hands a job loop, read once: the ScaledJob, its scalers and metrics, and its spec turned into
 * replica-math's terms (bounds, strategy, calculation, pending conditions, history limits).
 */
record JobRegistration(ScaledJob scaledJob, ScalerCache.Entry scalers, List<TriggerMetric> metrics, JobBounds bounds,
        JobStrategy strategy, ScalerCalculation calculation, List<String> pendingPodConditions, int successfulJobsHistoryLimit,
        int failedJobsHistoryLimit) {

    static JobRegistration of(ScaledJob scaledJob, ScalerCache.Entry scalers, List<TriggerMetric> metrics) {
        ScaledJobSpec spec = scaledJob.getSpec();
        ScaledJobSpec.ScalingStrategy scaling = spec.scalingStrategy();
        String strategy = scaling == null || scaling.strategy() == null ? null : scaling.strategy().name().toLowerCase(Locale.ROOT);
        String percentage = scaling == null ? null : scaling.customScalingRunningJobPercentage();
        OptionalDouble parsed = percentage == null ? OptionalDouble.empty() : GoFloat.parse(percentage);
        String calculation = scaling == null || scaling.multipleScalersCalculation() == null ? null
                : scaling.multipleScalersCalculation().name().toLowerCase(Locale.ROOT);
        return new JobRegistration(scaledJob, scalers, metrics, JobBounds.of(spec.minReplicaCount(), spec.maxReplicaCount()),
                JobStrategy.of(strategy, scaling == null ? null : scaling.customScalingQueueLengthDeduction(), parsed),
                ScalerCalculation.fromSpelling(calculation),
                scaling == null || scaling.pendingPodConditions() == null ? List.of() : List.copyOf(scaling.pendingPodConditions()),
                spec.successfulJobsHistoryLimit() == null ? JobHistory.DEFAULT_LIMIT : spec.successfulJobsHistoryLimit(),
                spec.failedJobsHistoryLimit() == null ? JobHistory.DEFAULT_LIMIT : spec.failedJobsHistoryLimit());
    }

    Duration pollingInterval() {
        return Duration.ofSeconds(scaledJob.getSpec().pollingIntervalOrDefault());
    }

    long generation() {
        return JobTemplate.generation(scaledJob);
    }
}
