package dev.tide.scaler.host;

import java.util.Objects;

/**
 * A plugin (or a class path provider) that was not loaded, and why.
 *
 * @param location the plugin's jar or folder, or {@code class path: <location>} for a built-in
 * @param message what failed and, where the user can fix it, how
 */
public record PluginProblem(String location, String message) {

    public PluginProblem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
