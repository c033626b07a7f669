package dev.tide.scaler.host;

import dev.tide.scaler.api.ScalerFactory;
import java.net.URLClassLoader;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The scaler factories a host can use, by trigger type, with what was loaded from where and what was skipped.
 * Built by {@link PluginLoader}. Closing it closes the plugins' class loaders: close it only after every scaler
 * built from a plugin is closed.
 */
public final class ScalerRegistry implements AutoCloseable {

    private final Map<String, ScalerFactory> factories = new TreeMap<>();
    private final Map<String, LoadedPlugin> pluginsByType = new TreeMap<>();
    private final List<LoadedPlugin> plugins;
    private final List<PluginProblem> problems;
    private final List<URLClassLoader> classLoaders;

    ScalerRegistry(List<PluginLoader.LoadedUnit> units, List<PluginProblem> problems) {
        units.forEach(unit -> unit.provided().forEach(provided -> {
            factories.putIfAbsent(provided.type(), provided.factory());
            pluginsByType.putIfAbsent(provided.type(), unit.plugin());
        }));
        this.plugins = units.stream().map(PluginLoader.LoadedUnit::plugin).toList();
        this.problems = List.copyOf(problems);
        this.classLoaders = units.stream().flatMap(unit -> unit.classLoader().stream()).toList();
    }

    /** The factory for a trigger type, if a built-in scaler or a loaded plugin serves it. */
    public Optional<ScalerFactory> factory(String type) {
        return Optional.ofNullable(factories.get(type));
    }

    /** Every trigger type served, sorted. */
    public Set<String> types() {
        return Collections.unmodifiableSet(factories.keySet());
    }

    /** Where the factory for a trigger type came from. */
    public Optional<LoadedPlugin> plugin(String type) {
        return Optional.ofNullable(pluginsByType.get(type));
    }

    /** The built-in scaler jars and the plugins that were loaded, built-ins first, plugins by folder order. */
    public List<LoadedPlugin> plugins() {
        return plugins;
    }

    /** The plugins and providers that were skipped, and why. */
    public List<PluginProblem> problems() {
        return problems;
    }

    /** Closes the plugins' class loaders; built-in scalers are unaffected. */
    @Override
    public void close() {
        classLoaders.forEach(PluginLoader::closeQuietly);
    }

    @Override
    public String toString() {
        return "ScalerRegistry[types=" + types() + ", plugins=" + plugins + ", problems=" + problems + "]";
    }
}
