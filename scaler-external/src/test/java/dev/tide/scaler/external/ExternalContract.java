package dev.tide.scaler.external;

import dev.tide.scaler.api.ScaledObjectRef;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.external.testing.ExternalScalerServer;
import dev.tide.scaler.testkit.ScalerContractTest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The plugin contract of the test kit for {@code external} or {@code external-push}. The server names the metrics, so
 * the sample trigger asks a real external scaler (KEDA's proto, in this JVM); the unreachable source is a closed port
 * on 127.0.0.1, where asking for the metric specs already fails by name.
 */
abstract class ExternalContract extends ScalerContractTest {

    private static ExternalScalerServer server;

    private final ExternalChannels channels = new ExternalChannels(Duration.ofMillis(100), Duration.ofMillis(400));
    private final Function<ExternalChannels, ScalerFactory> factory;
    private final String type;

    ExternalContract(Function<ExternalChannels, ScalerFactory> factory, String type) {
        this.factory = factory;
        this.type = type;
    }

    @BeforeAll
    static void startServer() {
        server = ExternalScalerServer.plaintext();
        server.length("shop", "worker", 3);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    protected ScalerFactory factory() {
        return factory.apply(channels);
    }

    @Override
    protected TriggerConfig sampleTrigger() {
        return trigger(server.address());
    }

    @Override
    protected Optional<TriggerConfig> unreachableTrigger() {
        return Optional.of(trigger("127.0.0.1:1"));
    }

    @Override
    protected OptionalInt openClients() {
        return OptionalInt.of(channels.size());
    }

    private TriggerConfig trigger(String address) {
        return TriggerConfig.builder(type).scaledObject(ScaledObjectRef.scaledObject("shop", "worker")).triggerIndex(1)
                .metadata(Map.of("scalerAddress", address, "targetSize", "5", "queue", "orders"))
                .timeout(Duration.ofSeconds(1)).build();
    }
}
