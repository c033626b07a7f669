package dev.tide.scaler.metricsapi;

import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.testkit.ScalerContractTest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The plugin contract of the test kit. The unreachable source is a closed port on 127.0.0.1; the canary is the basic
 * auth password.
 */
class MetricsApiContractTest extends ScalerContractTest {

    private final MetricsApiScalerFactory factory = new MetricsApiScalerFactory();

    @Override
    protected ScalerFactory factory() {
        return factory;
    }

    @Override
    protected TriggerConfig sampleTrigger() {
        return TriggerConfig.builder(MetricsApiScalerFactory.TYPE)
                .metadata(Map.of("url", "http://127.0.0.1:1/api/v1/stats", "valueLocation", "queue.length",
                        "targetValue", "5", "authMode", "basic"))
                .authParams(Map.of("username", "tide", "password", "not-the-canary"))
                .timeout(Duration.ofMillis(500))
                .build();
    }

    /** The basic auth password: a canary TLS key or CA would make the factory refuse the trigger unbuilt. */
    @Override
    protected Map<String, String> canaryAuthParams() {
        return Map.of("password", CANARY);
    }

    @Override
    protected Optional<TriggerConfig> unreachableTrigger() {
        return Optional.of(sampleTrigger());
    }

    @Override
    protected OptionalInt openClients() {
        return OptionalInt.of(factory.openClients());
    }
}
