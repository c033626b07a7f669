package dev.tide.scaler.api;

import java.util.List;

/**
 * One trigger's connection to its event source. Built by a {@link ScalerFactory}, used from several threads
 * (the scale loop and the metrics API), closed when its ScaledObject changes or goes away.
 */
public interface Scaler extends AutoCloseable {

    /** The metrics this trigger feeds to the HPA; External metric names follow {@code s<index>-<name>}. */
    List<MetricSpec> metricSpecs();

    /**
     * Reads the event source now.
     *
     * @param metricName one of the names from {@link #metricSpecs()}
     * @return the current values and whether the trigger is active
     * @throws ScalerException when the source could not be read; never a made-up zero
     */
    ScalerSample sample(String metricName);

    /** Releases this trigger's clients; never throws. */
    @Override
    void close();
}
