package com.example.filescaler;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.metrics.MetricNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One trigger: reads its file on every sample. It holds no client, so {@link #close()} has nothing to release. */
final class FileScaler implements Scaler {

    private final String label;
    private final FileParameters parameters;
    private final MetricSpec spec;

    FileScaler(TriggerConfig config, FileParameters parameters) {
        this.label = config.label();
        this.parameters = parameters;
        Path file = Path.of(parameters.path()).getFileName();
        this.spec = new MetricSpec(MetricNames.withIndex(config.triggerIndex(), "file-" + (file == null ? "root" : file)),
                config.metricType().orElse(MetricTargetType.AVERAGE_VALUE), MilliValue.of(parameters.targetValue()));
    }

    @Override
    public List<MetricSpec> metricSpecs() {
        return List.of(spec);
    }

    /** An unreadable file or a value that is not a number is an error, never a 0: the HPA must not scale in on it. */
    @Override
    public ScalerSample sample(String metricName) {
        if (!spec.metricName().equals(metricName)) {
            throw new IllegalArgumentException(label + " has no metric " + metricName);
        }
        String text;
        try {
            text = Files.readString(Path.of(parameters.path()), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ScalerException(label + ": cannot read " + parameters.path() + ": " + e, e);
        }
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new ScalerException(label + ": " + parameters.path() + " does not hold a number", e);
        }
        return ScalerSample.of(MetricValue.of(metricName, value), value > parameters.activationTargetValue());
    }

    @Override
    public void close() {
        // Nothing to release: a scaler with a client returns its SharedClients lease here.
    }

    @Override
    public String toString() {
        return "FileScaler[" + label + ", path=" + parameters.path() + "]";
    }
}
