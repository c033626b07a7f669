package dev.tide.scaler.kafka;

import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.testkit.ScalerContractTest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The plugin contract of the test kit. The unreachable source is a closed port on 127.0.0.1; the trigger logs in with
 * SASL/PLAIN, so the canary is the password a broker would be sent. {@code KafkaCanarySecretTest} covers the other
 * SASL modes' secrets.
 */
class KafkaContractTest extends ScalerContractTest {

    private final KafkaScalerFactory factory = new KafkaScalerFactory();

    @Override
    protected ScalerFactory factory() {
        return factory;
    }

    @Override
    protected TriggerConfig sampleTrigger() {
        return TriggerConfig.builder("kafka")
                .metadata(Map.of("bootstrapServers", "127.0.0.1:1", "consumerGroup", "orders-group", "topic", "orders"))
                .authParams(Map.of("sasl", "plaintext", "username", "tide", "password", "not-the-canary"))
                .timeout(Duration.ofMillis(700))
                .build();
    }

    /** Only the SASL/PLAIN password: a canary keytab or AWS key would make the factory refuse the trigger unbuilt. */
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
        return OptionalInt.of(factory.openClusters());
    }
}
