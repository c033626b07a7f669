package dev.tide.controller;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.TriggerConfig;
import java.util.Arrays;
import java.util.List;

/**
 * Wraps a scaler factory so a test can choose what a built scaler reports as its metric specs, as KEDA's controller
 * tests do with a mocked scaler. A trigger with metadata {@code stubMetricSpecs} gets a scaler whose
 * {@code metricSpecs()} returns nothing ({@code none}), {@code null} ({@code null}), or the comma-separated names
 * given, as they are (no trigger index is added, so two triggers can report the same name). Other triggers are
 * built by the wrapped factory unchanged.
 *
 * <p>It wraps an existing type instead of registering a new one, because the controller's "no scaler found" message
 * lists every known type and other ITs check that list.
 */
final class StubMetricSpecsScalerFactory implements ScalerFactory {

    static final String METADATA_KEY = "stubMetricSpecs";

    private final ScalerFactory delegate;

    StubMetricSpecsScalerFactory(ScalerFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public String type() {
        return delegate.type();
    }

    @Override
    public Scaler create(TriggerConfig config) {
        Scaler scaler = delegate.create(config);
        String stub = config.metadata().get(METADATA_KEY);
        if (stub == null) {
            return scaler;
        }
        List<MetricSpec> specs = switch (stub) {
            case "none" -> List.of();
            case "null" -> null;
            default -> Arrays.stream(stub.split(","))
                    .map(name -> new MetricSpec(name.trim(), MetricTargetType.AVERAGE_VALUE, MilliValue.ofWhole(5)))
                    .toList();
        };
        return new Scaler() {
            @Override
            public List<MetricSpec> metricSpecs() {
                return specs;
            }

            @Override
            public ScalerSample sample(String metricName) {
                return scaler.sample(metricName);
            }

            @Override
            public void close() {
                scaler.close();
            }
        };
    }

    @Override
    public List<Class<? extends Record>> parameterTypes() {
        return delegate.parameterTypes();
    }
}
