package dev.tide.scaler.api;

import java.util.Objects;

/**
 * One External metric a trigger feeds to the HPA.
 *
 * @param metricName the HPA metric name, {@code s<index>-<normalized name>}
 * @param targetType AverageValue or Value (Utilization is for cpu and memory only)
 * @param target the target value, kept in milli units as a Kubernetes quantity is
 */
public record MetricSpec(String metricName, MetricTargetType targetType, MilliValue target) {

    public MetricSpec {
        Objects.requireNonNull(metricName, "metricName");
        Objects.requireNonNull(targetType, "targetType");
        Objects.requireNonNull(target, "target");
        if (targetType == MetricTargetType.UTILIZATION) {
            throw new IllegalArgumentException("'Utilization' metric type is unsupported for external metrics");
        }
    }
}
