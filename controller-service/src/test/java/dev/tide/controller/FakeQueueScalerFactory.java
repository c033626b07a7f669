package dev.tide.controller;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.metrics.MetricNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A careless scaler, the one stand-in the reconciler tests use: it requires its connection parameter (from auth params, metadata or {@code <name>FromEnv}); a connection
 * starting with {@code reject:} fails with an error that quotes it, as a careless scaler might. The reconciler
 * under test never samples.
 */
final class FakeQueueScalerFactory implements ScalerFactory {

    private final String type;
    private final String connectionParameter;

    FakeQueueScalerFactory(String type, String connectionParameter) {
        this.type = type;
        this.connectionParameter = connectionParameter;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Scaler create(TriggerConfig config) {
        List<String> problems = new ArrayList<>();
        Optional<String> connection = connection(config);
        if (connection.isEmpty()) {
            problems.add("missing required parameter \"" + connectionParameter + "\"");
        } else if (connection.get().startsWith("reject:")) {
            problems.add("connection string \"" + connection.get() + "\" is not valid");
        }
        if (!problems.isEmpty()) {
            throw new ScalerConfigException(config.label(), problems);
        }
        String subject = config.metadata().getOrDefault("topic", config.metadata().getOrDefault("queueName", "x"));
        long target = Long.parseLong(config.metadata().getOrDefault("lagThreshold", "5"));
        MetricSpec spec = new MetricSpec(MetricNames.withIndex(config.triggerIndex(), type + "-" + subject),
                config.metricType().orElse(MetricTargetType.AVERAGE_VALUE), MilliValue.ofWhole(target));
        return new Scaler() {
            @Override
            public List<MetricSpec> metricSpecs() {
                return List.of(spec);
            }

            @Override
            public ScalerSample sample(String metricName) {
                throw new UnsupportedOperationException("reconciler tests never sample");
            }

            @Override
            public void close() {
            }
        };
    }

    private Optional<String> connection(TriggerConfig config) {
        if (config.authParams().containsKey(connectionParameter)) {
            return Optional.of(config.authParams().get(connectionParameter));
        }
        if (config.metadata().containsKey(connectionParameter)) {
            return Optional.of(config.metadata().get(connectionParameter));
        }
        String fromEnv = config.metadata().get(connectionParameter + "FromEnv");
        return fromEnv == null ? Optional.empty() : Optional.ofNullable(config.resolvedEnv().get(fromEnv));
    }

    @Override
    public List<Class<? extends Record>> parameterTypes() {
        return List.of();
    }
}
