package dev.tide.controller.jobs;

import dev.tide.controller.sources.Reading;
import dev.tide.controller.sources.ScalerCache;
import dev.tide.replicas.jobs.JobBounds;
import dev.tide.replicas.jobs.JobQueue;
import dev.tide.replicas.jobs.ScalerCalculation;
import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MetricValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * KEDA's {@code getScaledJobMetrics} over one pass's readings: per trigger, the sum of its first metric's values
 * and the mean of its {@code AverageValue} targets; a trigger with a failed read is left out (and the pass has an
 * error), then the triggers combine per {@code multipleScalersCalculation}.
 *
 * @param failedTriggers how many triggers had a failed read this pass
 */
record JobDemand(JobQueue.Demand demand, int failedTriggers) {

    static JobDemand of(List<ScalerCache.BuiltTrigger> triggers, Map<String, Reading> readings, ScalerCalculation calculation,
            JobBounds bounds) {
        List<JobQueue.ScalerQueue> queues = new ArrayList<>();
        int failed = 0;
        for (ScalerCache.BuiltTrigger trigger : triggers) {
            List<MetricSpec> specs = trigger.metricSpecs();
            List<Reading> reads = specs.stream().map(s -> readings.get(s.metricName())).toList();
            if (specs.isEmpty() || reads.stream().anyMatch(r -> r == null || !r.ok())) {
                failed += specs.isEmpty() ? 0 : 1;
                continue;
            }
            String first = specs.get(0).metricName();
            List<Double> values = new ArrayList<>();
            for (Reading read : reads) {
                for (MetricValue value : read.values()) {
                    if (value.metricName().equals(first)) {
                        values.add(value.value().toDouble());
                    }
                }
            }
            List<Double> targets = specs.stream()
                    .map(s -> s.targetType() == MetricTargetType.AVERAGE_VALUE ? s.target().toDouble() : 0.0).toList();
            boolean active = reads.stream().anyMatch(Reading::active);
            queues.add(JobQueue.scaler(values, targets, active, bounds.maxReplicaCount()));
        }
        return new JobDemand(JobQueue.combine(queues, calculation, bounds), failed);
    }
}
