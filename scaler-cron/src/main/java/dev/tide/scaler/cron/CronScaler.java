package dev.tide.scaler.cron;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.ScalerSample;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

/** {@code desiredReplicas} inside the window, 0 outside it, for one trigger (KEDA's {@code cronScaler}). */
final class CronScaler implements Scaler {

    private final CronTrigger trigger;
    private final Clock clock;

    CronScaler(CronTrigger trigger, Clock clock) {
        this.trigger = trigger;
        this.clock = clock;
    }

    @Override
    public List<MetricSpec> metricSpecs() {
        return List.of(trigger.metricSpec());
    }

    /**
     * Reads the clock once; KEDA reads it once for now and once per schedule, microseconds apart.
     *
     * @throws ScalerException when the {@code timezone} cannot be loaded, with KEDA's {@code unable to load timezone}
     */
    @Override
    public ScalerSample sample(String metricName) {
        if (!trigger.metricSpec().metricName().equals(metricName)) {
            throw new IllegalArgumentException(trigger.label() + " has no metric " + metricName);
        }
        CronWindow window = CronWindow.at(clock.instant(), zone(), trigger.start(), trigger.end());
        MilliValue value = window.open() ? MilliValue.of(trigger.parameters().desiredReplicas()) : MilliValue.ZERO;
        return ScalerSample.of(new MetricValue(metricName, value), window.open());
    }

    /** A cron window is computed from the clock: nothing to wait for. */
    @Override
    public boolean answersFromMemory() {
        return true;
    }

    private ZoneId zone() {
        try {
            return GoLocations.load(trigger.parameters().timezone());
        } catch (IllegalArgumentException e) {
            throw new ScalerException(trigger.label() + ": unable to load timezone: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        // Nothing to release: a cron trigger holds no connection.
    }

    @Override
    public String toString() {
        return "CronScaler[" + trigger.label() + ", " + trigger.metricSpec().metricName() + "]";
    }
}
