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

    /**
     * Whether {@link #sample} answers from memory, in microseconds and without blocking (SPI 1.7): a window computed
     * from the clock, a value held since a source pushed it. The host may then call it on the scale loop's own
     * thread, without handing it to a sampler thread and arming a deadline for it. Answer {@code true} only when no
     * call ever waits on I/O or a lock another thread holds for long.
     *
     * <p>The host checks the promise: a call that runs past its trigger's timeout is interrupted, and the
     * connection's later reads go to sampler threads as any other scaler's. Scalers of jars in the plugins folder are
     * always read on sampler threads, whatever they answer here.
     */
    default boolean answersFromMemory() {
        return false;
    }

    /** Releases this trigger's clients; never throws. */
    @Override
    void close();
}
