package dev.tide.scaler.api;

import java.util.Objects;

/** One value of an External metric, in milli precision. */
public record MetricValue(String metricName, MilliValue value) {

    public MetricValue {
        Objects.requireNonNull(metricName, "metricName");
        Objects.requireNonNull(value, "value");
    }

    public static MetricValue of(String metricName, double value) {
        return new MetricValue(metricName, MilliValue.of(value));
    }
}
