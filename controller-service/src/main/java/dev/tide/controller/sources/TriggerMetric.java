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

    /** How events and logs name the trigger: {@code trigger[0] (kafka "orders")}, with its name when it has one. */
    public String triggerLabel() {
        return "trigger[" + config.triggerIndex() + "] (" + config.type()
                + config.triggerName().map(name -> " \"" + name + "\"").orElse("") + ")";
    }
}
