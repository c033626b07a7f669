package dev.tide.scaler.host;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A jar or plugin folder whose scaler factories were loaded.
 *
 * @param name the manifest's {@code Implementation-Title}, else the folder or jar name
 * @param version the manifest's {@code Implementation-Version}, when it has one
 * @param location the plugin's jar or folder, or {@code class path: <location>} for built-in scalers
 * @param origin whether the scalers came from the host's class path or the plugins folder
 * @param types the trigger types its factories serve
 */
public record LoadedPlugin(String name, Optional<String> version, String location, Origin origin, Set<String> types) {

    /** Where a plugin's factories were found. */
    public enum Origin {
        /** Built into the host: found by {@link java.util.ServiceLoader} on the host's class loader. */
        CLASS_PATH,
        /** Dropped into the plugins folder and loaded in a class loader of its own. */
        PLUGINS_FOLDER
    }

    public LoadedPlugin {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(origin, "origin");
        types = Set.copyOf(types);
    }

    @Override
    public String toString() {
        return name + " " + version.orElse("(no version)") + " from " + location + " " + new java.util.TreeSet<>(types);
    }
}
