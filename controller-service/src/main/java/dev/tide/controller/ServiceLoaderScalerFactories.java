package dev.tide.controller;

import dev.tide.scaler.api.ScalerFactory;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scaler factories found with {@link ServiceLoader} on the class path. Two factories with one type are a startup
 * error: which one would win depends on class-path order, which nobody should have to debug.
 */
final class ServiceLoaderScalerFactories implements ScalerFactories {

    private final Map<String, ScalerFactory> byType;

    ServiceLoaderScalerFactories(Collection<ScalerFactory> factories) {
        Map<String, ScalerFactory> map = new TreeMap<>();
        for (ScalerFactory factory : factories) {
            ScalerFactory previous = map.putIfAbsent(factory.type(), factory);
            if (previous != null) {
                throw new IllegalStateException("two scaler factories serve trigger type \"" + factory.type() + "\": "
                        + previous.getClass().getName() + " and " + factory.getClass().getName());
            }
        }
        this.byType = Map.copyOf(map);
    }

    static ServiceLoaderScalerFactories fromClassPath(ClassLoader classLoader) {
        return new ServiceLoaderScalerFactories(ServiceLoader.load(ScalerFactory.class, classLoader).stream()
                .map(ServiceLoader.Provider::get)
                .toList());
    }

    @Override
    public Optional<ScalerFactory> factory(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    @Override
    public Set<String> types() {
        return new java.util.TreeSet<>(byType.keySet());
    }
}
