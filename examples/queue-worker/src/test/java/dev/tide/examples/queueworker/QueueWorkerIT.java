package dev.tide.examples.queueworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueServiceClientBuilder;
import dev.tide.scaler.azurequeue.azurite.AzuriteExtension;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The worker, configured only through AzureWebJobsStorage as in hello-keda, drains a queue on Azurite. */
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class QueueWorkerIT {

    @RegisterExtension
    static final AzuriteExtension AZURITE = new AzuriteExtension();

    private static final String QUEUE = "js-queue-items";
    private static final int MESSAGES = 40;

    private static QueueClient queue;

    @BeforeAll
    static void fillTheQueue() {
        queue = new QueueServiceClientBuilder().connectionString(AZURITE.connectionString()).buildClient()
                .createQueue(QUEUE);
        IntStream.range(0, MESSAGES).forEach(i -> queue.sendMessage("work item " + i));
    }

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add(AzureWebJobsStorageEnvironmentPostProcessor.VARIABLE, AZURITE::connectionString);
    }

    @Test
    void drainsTheQueueLoggingAndDeletingEachMessage(CapturedOutput output) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(queue.getProperties().getApproximateMessagesCount()).isZero();
            assertThat(output.getOut()).contains("processed work item work item 0", "processed work item work item 39");
        });
        assertThat(output.getOut()).doesNotContain(AzuriteExtension.ACCOUNT_KEY);
    }
}
