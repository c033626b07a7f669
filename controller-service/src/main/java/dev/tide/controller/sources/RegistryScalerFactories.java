package dev.tide.controller.sources;

import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.host.ScalerRegistry;
import java.util.Optional;
import java.util.Set;

/**
 * The scaler factories of scaler-host's plugin registry: the built-in scalers on the class path and the drop-in
 * plugins of {@code tide.controller.plugins-dir}. Closing it closes the plugins' class loaders, which Spring does
 * after the scaler cache (which depends on this bean) has closed every scaler.
 */
public final class RegistryScalerFactories implements ScalerFactories, AutoCloseable {

    private final ScalerRegistry registry;

    public RegistryScalerFactories(ScalerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Optional<ScalerFactory> factory(String type) {
        return registry.factory(type);
    }

    @Override
    public Set<String> types() {
        return registry.types();
    }

    @Override
    public void close() {
        registry.close();
    }
}
