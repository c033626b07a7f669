package dev.tide.scaler.azurequeue;

import com.azure.core.util.Configuration;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.testkit.ScalerContractTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The plugin contract of the test kit; the unreachable source is a closed port on 127.0.0.1. */
class AzureQueueContractTest extends ScalerContractTest {

    private final QueueClientPool pool = new QueueClientPool(new QueueClients(Configuration.NONE, List.of()));

    @Override
    protected ScalerFactory factory() {
        return new AzureQueueScalerFactory(pool);
    }

    @Override
    protected TriggerConfig sampleTrigger() {
        return TriggerConfig.builder("azure-queue")
                .metadata(Map.of("queueName", "orders", "connectionFromEnv", "AzureWebJobsStorage"))
                .resolvedEnv(Map.of("AzureWebJobsStorage", "DefaultEndpointsProtocol=http;AccountName=tide;"
                        + "AccountKey=dGlkZQ==;QueueEndpoint=http://127.0.0.1:1/tide;"))
                .timeout(Duration.ofMillis(500))
                .build();
    }

    /** The canary as the account key of a valid connection string, so the scaler is built and its errors checked. */
    @Override
    protected Map<String, String> canaryAuthParams() {
        return Map.of("connection", "DefaultEndpointsProtocol=http;AccountName=tide;AccountKey=" + CANARY
                + ";QueueEndpoint=http://127.0.0.1:1/tide;");
    }

    @Override
    protected Optional<TriggerConfig> unreachableTrigger() {
        return Optional.of(sampleTrigger());
    }

    @Override
    protected OptionalInt openClients() {
        return OptionalInt.of(pool.size());
    }
}
