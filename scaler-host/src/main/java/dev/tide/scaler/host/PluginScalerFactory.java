package dev.tide.scaler.host;

import dev.tide.scaler.api.ConnectionKey;
import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.TriggerCheck;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.params.Source;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A plugin's factory, called with the plugin's class loader as the thread context class loader. Libraries that
 * find classes or services by name through the context loader (Kafka's configurable classes, Jackson modules,
 * JAXB, JNDI) then see the plugin's jars instead of the host's, as in Trino's plugin manager.
 */
final class PluginScalerFactory implements ScalerFactory {

    private final ScalerFactory delegate;
    private final ClassLoader pluginClassLoader;

    PluginScalerFactory(ScalerFactory delegate, ClassLoader pluginClassLoader) {
        this.delegate = delegate;
        this.pluginClassLoader = pluginClassLoader;
    }

    @Override
    public String type() {
        return withPluginContext(pluginClassLoader, delegate::type);
    }

    @Override
    public Scaler create(TriggerConfig config) {
        Scaler scaler = withPluginContext(pluginClassLoader, () -> delegate.create(config));
        return new PluginScaler(scaler, pluginClassLoader);
    }

    @Override
    public List<Class<? extends Record>> parameterTypes() {
        return withPluginContext(pluginClassLoader, delegate::parameterTypes);
    }

    @Override
    public ConnectionKey connectionKey(TriggerConfig config) {
        return withPluginContext(pluginClassLoader, () -> delegate.connectionKey(config));
    }

    @Override
    public TriggerCheck validate(TriggerConfig config, Set<Source> unresolved) {
        return withPluginContext(pluginClassLoader, () -> delegate.validate(config, unresolved));
    }

    @Override
    public String toString() {
        return delegate.toString();
    }

    static <T> T withPluginContext(ClassLoader pluginClassLoader, Supplier<T> call) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(pluginClassLoader);
        try {
            return call.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private record PluginScaler(Scaler delegate, ClassLoader pluginClassLoader) implements Scaler {

        @Override
        public List<MetricSpec> metricSpecs() {
            return withPluginContext(pluginClassLoader, delegate::metricSpecs);
        }

        @Override
        public ScalerSample sample(String metricName) {
            return withPluginContext(pluginClassLoader, () -> delegate.sample(metricName));
        }

        /**
         * Always false: a jar from the plugins folder is code the operator dropped in, not code built and tested with
         * the host, so its reads never run on a scale-loop thread (SPI 1.7), whatever it claims.
         */
        @Override
        public boolean answersFromMemory() {
            return false;
        }

        @Override
        public void close() {
            withPluginContext(pluginClassLoader, () -> {
                delegate.close();
                return null;
            });
        }

        @Override
        public String toString() {
            return delegate.toString();
        }
    }
}
