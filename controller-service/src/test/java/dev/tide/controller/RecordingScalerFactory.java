package dev.tide.controller;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.TriggerConfig;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Wraps a real scaler factory and remembers every scaler it built, with its config and whether it was closed. */
final class RecordingScalerFactory implements ScalerFactory {

    /** One built scaler. */
    static final class Built implements Scaler {
        final TriggerConfig config;
        private final Scaler delegate;
        volatile boolean closed;

        Built(TriggerConfig config, Scaler delegate) {
            this.config = config;
            this.delegate = delegate;
        }

        @Override
        public List<MetricSpec> metricSpecs() {
            return delegate.metricSpecs();
        }

        @Override
        public ScalerSample sample(String metricName) {
            return delegate.sample(metricName);
        }

        @Override
        public void close() {
            closed = true;
            delegate.close();
        }
    }

    private final ScalerFactory delegate;
    final List<Built> built = new CopyOnWriteArrayList<>();

    RecordingScalerFactory(ScalerFactory delegate) {
        this.delegate = delegate;
    }

    List<Built> builtIn(String namespace) {
        return built.stream().filter(b -> b.config.scaledObject().namespace().equals(namespace)).toList();
    }

    @Override
    public String type() {
        return delegate.type();
    }

    @Override
    public Scaler create(TriggerConfig config) {
        Built scaler = new Built(config, delegate.create(config));
        built.add(scaler);
        return scaler;
    }

    @Override
    public List<Class<? extends Record>> parameterTypes() {
        return delegate.parameterTypes();
    }
}
