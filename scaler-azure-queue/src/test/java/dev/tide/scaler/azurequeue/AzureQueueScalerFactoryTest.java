package dev.tide.scaler.azurequeue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.util.Configuration;
import com.azure.core.util.ConfigurationBuilder;
import dev.tide.scaler.api.PodIdentity;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerConfig;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Building scalers needs no network: these tests never reach a queue. */
class AzureQueueScalerFactoryTest {

    private static final String KEY = Base64.getEncoder().encodeToString("not a real key, only for tests".getBytes());

    private final QueueClientPool pool = new QueueClientPool(new QueueClients(Configuration.NONE, List.of()));
    private final AzureQueueScalerFactory factory = new AzureQueueScalerFactory(pool);

    @Test
    void isFoundByServiceLoaderAsAzureQueue() {
        assertThat(ServiceLoader.load(ScalerFactory.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(found -> assertThat(found.type()).isEqualTo("azure-queue"));
    }

    @Test
    void triggersOfOneAccountAndCredentialShareOneClientUntilTheLastIsClosed() {
        Scaler first = factory.create(trigger(0, "orders", connection("acct")));
        Scaler second = factory.create(trigger(1, "invoices", connection("acct")));
        Scaler other = factory.create(trigger(2, "orders", connection("other")));
        assertThat(pool.size()).isEqualTo(2);

        first.close();
        first.close();
        assertThat(pool.size()).isEqualTo(2);

        second.close();
        other.close();
        assertThat(pool.size()).isZero();
    }

    @Test
    void refusesAMalformedConnectionStringWithoutQuotingIt() {
        String malformed = "AccountKey=" + KEY + ";this is not a connection string";

        assertThatThrownBy(() -> factory.create(trigger(0, "q", malformed)))
                .isInstanceOf(ScalerConfigException.class)
                .hasMessage("trigger[0] (azure-queue): parameter \"connection\" is not a valid storage connection string")
                .hasNoCause();
    }

    @Test
    void buildsAWorkloadIdentityScalerFromTheFederatedTokenSettings(@TempDir Path dir) {
        Configuration federated = new ConfigurationBuilder()
                .putProperty(Configuration.PROPERTY_AZURE_CLIENT_ID, "00000000-0000-0000-0000-000000000001")
                .putProperty(Configuration.PROPERTY_AZURE_TENANT_ID, "00000000-0000-0000-0000-000000000002")
                .putProperty("AZURE_FEDERATED_TOKEN_FILE", dir.resolve("token").toString())
                .build();
        AzureQueueScalerFactory withIdentity =
                new AzureQueueScalerFactory(new QueueClientPool(new QueueClients(federated, List.of())));

        try (Scaler scaler = withIdentity.create(workloadTrigger(PodIdentity.of("azure-workload")))) {
            assertThat(scaler.metricSpecs()).singleElement()
                    .satisfies(spec -> assertThat(spec.metricName()).isEqualTo("s0-azure-queue-orders"));
        }
    }

    @Test
    void explainsWhatAWorkloadIdentityNeedsWhenThePodHasNone() {
        PodIdentity identity = new PodIdentity("azure-workload", Optional.of("client"), Optional.empty(),
                Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> factory.create(workloadTrigger(identity)))
                .isInstanceOf(ScalerConfigException.class)
                .hasMessageContaining("podIdentity azure-workload is not available to Tide")
                .hasMessageContaining("AZURE_FEDERATED_TOKEN_FILE");
    }

    private static TriggerConfig workloadTrigger(PodIdentity identity) {
        return TriggerConfig.builder("azure-queue").podIdentity(identity)
                .metadata(Map.of("queueName", "orders", "accountName", "acct")).build();
    }

    private static String connection(String account) {
        return "DefaultEndpointsProtocol=http;AccountName=" + account + ";AccountKey=" + KEY
                + ";QueueEndpoint=http://127.0.0.1:1/" + account + ";";
    }

    private static TriggerConfig trigger(int index, String queue, String connection) {
        return TriggerConfig.builder("azure-queue").triggerIndex(index)
                .metadata(Map.of("queueName", queue, "connectionFromEnv", "AzureWebJobsStorage"))
                .resolvedEnv(Map.of("AzureWebJobsStorage", connection)).build();
    }
}
