package dev.tide.controller;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.TriggerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in event source for reconciler tests (the reconciler under test never samples): it checks that the
 * trigger's connection parameter reached it, through metadata, {@code <name>FromEnv} or auth params, as a real
 * scaler would (and, for a connection starting with {@code reject:}, fails quoting it, as a careless scaler
 * might); names its metric {@code s<i>-<type>-<queueName or topic>}; and records what it built and closed.
 */
final class FakeQueueScalerFactory implements ScalerFactory {

    /** One built scaler, with the config it got. */
    static final class Built implements Scaler {
        final TriggerConfig config;
        volatile boolean closed;

        Built(TriggerConfig config) {
            this.config = config;
        }

        @Override
        public List<MetricSpec> metricSpecs() {
            String subject = config.metadata().getOrDefault("queueName", config.metadata().getOrDefault("topic", "x"));
            long target = Long.parseLong(config.metadata().getOrDefault("queueLength", config.metadata().getOrDefault("lagThreshold", "5")));
            return List.of(new MetricSpec("s" + config.triggerIndex() + "-" + config.type() + "-" + subject,
                    config.metricType().orElse(MetricTargetType.AVERAGE_VALUE), MilliValue.ofWhole(target)));
        }

        @Override
        public ScalerSample sample(String metricName) {
            throw new UnsupportedOperationException("reconciler tests never sample");
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final String type;
    private final String connectionParameter;
    final List<Built> built = new CopyOnWriteArrayList<>();

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
        if (connection.isPresent() && connection.get().startsWith("reject:")) {
            // A careless scaler that quotes the secret it was given: the controller must scrub it.
            problems.add("connection string \"" + connection.get() + "\" is not valid");
        }
        if (connection.isEmpty()) {
            problems.add("missing required parameter \"" + connectionParameter + "\" in [authParams triggerMetadata resolvedEnv]");
        }
        if (config.metadata().containsKey("queueLength") && !config.metadata().get("queueLength").matches("\\d+")) {
            problems.add("parameter \"queueLength\" must be a whole number, got \"" + config.metadata().get("queueLength") + "\"");
        }
        if (!problems.isEmpty()) {
            throw new ScalerConfigException(config.label(), problems);
        }
        Built scaler = new Built(config);
        built.add(scaler);
        return scaler;
    }

    Optional<String> connection(TriggerConfig config) {
        Map<String, String> metadata = config.metadata();
        if (config.authParams().containsKey(connectionParameter)) {
            return Optional.of(config.authParams().get(connectionParameter));
        }
        if (metadata.containsKey(connectionParameter)) {
            return Optional.of(metadata.get(connectionParameter));
        }
        String fromEnv = metadata.get(connectionParameter + "FromEnv");
        return fromEnv == null ? Optional.empty() : Optional.ofNullable(config.resolvedEnv().get(fromEnv));
    }

    @Override
    public List<Class<? extends Record>> parameterTypes() {
        return List.of();
    }
}
