package dev.tide.controller.config;

import dev.tide.scaler.host.PluginLoadException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a plugin folder the controller cannot use into a startup report that says what to change. */
public class PluginLoadFailureAnalyzer extends AbstractFailureAnalyzer<PluginLoadException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PluginLoadException cause) {
        return new FailureAnalysis(
                "The scaler plugins could not be loaded: " + cause.getMessage(),
                "Check tide.controller.plugins-dir (default /opt/tide/plugins): it must be a readable folder with one "
                        + "jar or sub-folder per plugin, and no two plugins (or a plugin and a built-in scaler) may serve "
                        + "the same trigger type. Remove or rename the conflicting plugin and restart.",
                cause);
    }
}
