package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueServiceClientBuilder;
import dev.tide.keda.api.Condition;
import dev.tide.scaler.azurequeue.azurite.AzuriteExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A ScaledJob on a real Azure Storage queue (Azurite): the connection string comes from the jobTargetRef
 * container's env, as KEDA reads {@code connectionFromEnv} for ScaledJobs; an empty queue starts nothing, twelve
 * messages at queueLength 2 ask for six Jobs and the maximum of three is started.
 */
class ScalingJobsAzureQueueIT extends ScalingTestSupport {

    @RegisterExtension
    static final AzuriteExtension AZURITE = new AzuriteExtension();

    @Test
    void twelveMessagesAtQueueLengthTwoStartThreeJobsAtTheMaximum() {
        String ns = "jobs-azure";
        QueueClient queue = new QueueServiceClientBuilder().connectionString(AZURITE.connectionString()).buildClient()
                .createQueue("thumbnails");
        ReconcilerTestSupport.apply(ns, ScalingJobsIT.scaledJobYaml("thumbnails", "", "pollingInterval: 1\nmaxReplicaCount: 3", """
                env:
                - name: STORAGE_CONNECTION
                  value: "%s"
                """.formatted(AZURITE.connectionString()), """
                - type: azure-queue
                  metadata:
                    queueName: thumbnails
                    queueLength: "2"
                    connectionFromEnv: STORAGE_CONNECTION
                """));
        await().atMost(WAIT).until(() -> ScalingJobsIT.condition(ns, "thumbnails", "Active").map(Condition::reason).orElse("")
                .equals("ScalerNotActive"));
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> ScalingJobsIT.jobs(ns).isEmpty());

        for (int i = 0; i < 12; i++) {
            queue.sendMessage("image-" + i);
        }

        await().atMost(WAIT).until(() -> ScalingJobsIT.jobs(ns).size() == 3);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> ScalingJobsIT.jobs(ns).size() == 3);
        assertThat(ScalingJobsIT.condition(ns, "thumbnails", "Active")).map(Condition::reason).contains("ScalerActive");
    }
}
