package dev.tide.scaler.prometheus;

import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.testkit.ScalerContractTest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The plugin contract of the test kit. The unreachable source is a closed port on 127.0.0.1; the canary is the basic
 * auth password ({@code PrometheusScalerFactoryTest} covers the other credentials' redaction).
 */
class PrometheusContractTest extends ScalerContractTest {

    private final PrometheusClients clients = new PrometheusClients();

    @Override
    protected ScalerFactory factory() {
        return new PrometheusScalerFactory(clients, Clock.systemUTC());
    }

    @Override
    protected TriggerConfig sampleTrigger() {
        return TriggerConfig.builder("prometheus")
                .metadata(Map.of("serverAddress", "http://127.0.0.1:1", "query", "sum(rate(http_requests_total[2m]))",
                        "threshold", "10", "authModes", "basic"))
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
        return OptionalInt.of(clients.size());
    }
}
