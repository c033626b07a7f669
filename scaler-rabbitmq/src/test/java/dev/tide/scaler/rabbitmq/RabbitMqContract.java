package dev.tide.scaler.rabbitmq;

import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.testkit.ScalerContractTest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The plugin contract of the test kit for one protocol. The unreachable source is a closed port on 127.0.0.1; the
 * canary is the password, both inside the host URL the TriggerAuthentication gives and as {@code password}.
 */
abstract class RabbitMqContract extends ScalerContractTest {

    private final HttpClients httpClients = new HttpClients();
    private final AmqpConnections amqpConnections = new AmqpConnections();
    private final String scheme;

    RabbitMqContract(String scheme) {
        this.scheme = scheme;
    }

    @Override
    protected ScalerFactory factory() {
        return new RabbitMqScalerFactory(httpClients, amqpConnections);
    }

    @Override
    protected TriggerConfig sampleTrigger() {
        return TriggerConfig.builder("rabbitmq")
                .metadata(Map.of("queueName", "orders", "mode", "QueueLength", "value", "10"))
                .authParams(Map.of("host", host("not-the-canary")))
                .timeout(Duration.ofMillis(500))
                .build();
    }

    @Override
    protected Map<String, String> canaryAuthParams() {
        return Map.of("host", host(CANARY), "username", "tide", "password", CANARY);
    }

    @Override
    protected Optional<TriggerConfig> unreachableTrigger() {
        return Optional.of(sampleTrigger());
    }

    @Override
    protected OptionalInt openClients() {
        return OptionalInt.of(httpClients.size() + amqpConnections.size());
    }

    private String host(String password) {
        return scheme + "://tide:" + password + "@127.0.0.1:1/shop";
    }
}
