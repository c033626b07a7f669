package dev.tide.scaler.cron;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.metrics.MetricNames;
import dev.tide.scaler.api.params.ParameterBinder;

/**
 * One {@code cron} trigger, bound and checked: its parameters, its two schedules and the metric it feeds (KEDA's
 * {@code NewCronScaler} and {@code GetMetricSpecForScaling}).
 */
record CronTrigger(String label, CronParameters parameters, CronSchedule start, CronSchedule end, MetricSpec metricSpec) {

    static final String TYPE = "cron";

    /** @throws ScalerConfigException naming the trigger and what is wrong */
    static CronTrigger parse(TriggerConfig config) {
        CronParameters parameters = ParameterBinder.bind(config, CronParameters.class);
        MetricSpec metricSpec = new MetricSpec(MetricNames.withIndex(config.triggerIndex(), metricName(parameters)),
                config.metricType().orElse(MetricTargetType.AVERAGE_VALUE), MilliValue.ofWhole(1));
        return new CronTrigger(config.label(), parameters, parameters.startSchedule(), parameters.endSchedule(),
                metricSpec);
    }

    /** {@code cron-<timezone>-<start>-<end>}, the schedules written as KEDA's {@code parseCronTimeFormat} writes them. */
    private static String metricName(CronParameters parameters) {
        return TYPE + "-" + parameters.timezone() + "-" + compact(parameters.start()) + "-" + compact(parameters.end());
    }

    /** Spaces dropped, {@code * / ? ,} spelled {@code x Sl Qm Cm}: {@code 0 *}{@code /2 * * *} becomes {@code 0xSl2xxx}. */
    static String compact(String schedule) {
        return schedule.replace(" ", "").replace("*", "x").replace("/", "Sl").replace("?", "Qm").replace(",", "Cm");
    }
}
