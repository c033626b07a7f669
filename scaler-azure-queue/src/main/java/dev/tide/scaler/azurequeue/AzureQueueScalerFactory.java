package dev.tide.scaler.azurequeue;

import com.azure.core.util.Configuration;
import com.azure.storage.queue.QueueServiceAsyncClient;
import dev.tide.scaler.api.ConnectionKey;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.clients.SharedClients;
import java.util.List;
import java.util.Set;

/** {@code type: azure-queue}: the length of an Azure Storage queue, as KEDA measures it. */
public final class AzureQueueScalerFactory implements ScalerFactory {

    private final QueueClientPool clients;

    /** Used by {@link java.util.ServiceLoader}; the workload identity reads the process environment. */
    public AzureQueueScalerFactory() {
        this(new QueueClientPool(new QueueClients(Configuration.getGlobalConfiguration(), List.of())));
    }

    AzureQueueScalerFactory(QueueClientPool clients) {
        this.clients = clients;
    }

    @Override
    public String type() {
        return AzureQueueTrigger.TYPE;
    }

    @Override
    public Scaler create(TriggerConfig config) {
        AzureQueueTrigger trigger = AzureQueueTrigger.parse(config);
        SharedClients.Lease<QueueServiceAsyncClient> lease;
        try {
            lease = clients.acquire(trigger.access());
        } catch (IllegalArgumentException e) {
            throw new ScalerConfigException(config, e.getMessage());
        }
        return new AzureQueueScaler(trigger, lease, config.timeout());
    }

    /** The metadata that names the storage account and its endpoint (not the queue). */
    private static final Set<String> CONNECTION_PARAMETERS = Set.of("accountName", "connectionFromEnv", "cloud", "endpointSuffix");

    /** Triggers on one cluster with one credential share the host's guard, as they share this factory's client. */
    @Override
    public ConnectionKey connectionKey(TriggerConfig config) {
        return ConnectionKey.of(config, CONNECTION_PARAMETERS);
    }

    @Override
    public List<Class<? extends Record>> parameterTypes() {
        return List.of(AzureQueueParameters.class);
    }
}
