package dev.tide.scaler.host;

/**
 * The scalers cannot be loaded as configured and the host must not start: two factories claim one trigger type,
 * or the plugins folder exists but cannot be listed. A single broken plugin is not this: it is reported in
 * {@link ScalerRegistry#problems()} and skipped.
 */
public class PluginLoadException extends RuntimeException {

    public PluginLoadException(String message) {
        super(message);
    }

    public PluginLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
