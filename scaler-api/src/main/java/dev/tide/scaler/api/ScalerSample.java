package dev.tide.scaler.api;

import java.util.List;

/**
 * What one read of an event source returned: the metric values for the HPA and the activation verdict (KEDA's
 * {@code GetMetricsAndActivity}).
 */
public record ScalerSample(List<MetricValue> values, boolean active) {

    public ScalerSample {
        values = List.copyOf(values);
    }

    /** A single value, active when it is above the activation threshold. */
    public static ScalerSample of(MetricValue value, boolean active) {
        return new ScalerSample(List.of(value), active);
    }
}
