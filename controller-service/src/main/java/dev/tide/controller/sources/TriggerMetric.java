package dev.tide.controller.sources;

import dev.tide.controller.observability.ScalingMetrics;
import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.TriggerConfig;

/** One External metric of one trigger, with what reading it needs: its scaler, its source's guard and its meters. */
public record TriggerMetric(TriggerConfig config, Scaler scaler, MetricSpec spec, SourceGuards.Guard guard,
        ScalingMetrics.TriggerMeters meters) {

    public String metricName() {
        return spec.metricName();
    }
}
