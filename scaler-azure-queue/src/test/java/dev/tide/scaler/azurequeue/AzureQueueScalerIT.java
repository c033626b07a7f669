package dev.tide.scaler.azurequeue;

import static dev.tide.scaler.azurequeue.QueueLengthStrategy.ALL;
import static dev.tide.scaler.azurequeue.QueueLengthStrategy.VISIBLE_ONLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.util.Configuration;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueServiceClientBuilder;
import com.azure.storage.common.sas.AccountSasPermission;
import com.azure.storage.common.sas.AccountSasResourceType;
import com.azure.storage.common.sas.AccountSasService;
import com.azure.storage.common.sas.AccountSasSignatureValues;
import com.azure.storage.queue.models.QueueMessageItem;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.azurequeue.azurite.AzuriteExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The scaler against Azurite, which keeps in-flight messages in the approximate count and hides them from peek. */
class AzureQueueScalerIT {

    @RegisterExtension
    static final AzuriteExtension AZURITE = new AzuriteExtension();

    private static final AtomicInteger QUEUES = new AtomicInteger();
    private static final Duration IN_FLIGHT = Duration.ofMinutes(5);

    private final AtomicInteger requests = new AtomicInteger();
    private final HttpPipelinePolicy countRequests = (context, next) -> {
        requests.incrementAndGet();
        return next.process();
    };
    private AzureQueueScalerFactory factory;

    @BeforeEach
    void newFactory() {
        factory = new AzureQueueScalerFactory(
                new QueueClientPool(new QueueClients(Configuration.NONE, List.of(countRequests))));
    }

    /** KEDA's count tests (peek 10 of 100, peek 35) and the visible / in-flight / deleted states, per strategy. */
    static Stream<Arguments> queueStates() {
        return Stream.of(
                argumentSet("visible messages, all", 5, 0, 0, ALL, 5, 1),
                argumentSet("visible messages, visibleonly", 5, 0, 0, VISIBLE_ONLY, 5, 1),
                argumentSet("in-flight messages count for all", 5, 3, 0, ALL, 5, 1),
                argumentSet("in-flight messages are invisible to visibleonly", 5, 3, 0, VISIBLE_ONLY, 2, 1),
                argumentSet("deleted messages leave all", 5, 3, 3, ALL, 2, 1),
                argumentSet("deleted messages leave visibleonly", 5, 3, 3, VISIBLE_ONLY, 2, 1),
                argumentSet("all counts 40 with 30 in flight", 40, 30, 0, ALL, 40, 1),
                argumentSet("visibleonly peeks 10 visible of 40", 40, 30, 0, VISIBLE_ONLY, 10, 1),
                argumentSet("visibleonly falls back to the approximate count at 32 visible", 40, 5, 0, VISIBLE_ONLY,
                        40, 2),
                argumentSet("empty queue", 0, 0, 0, VISIBLE_ONLY, 0, 1));
    }

    @ParameterizedTest
    @MethodSource("queueStates")
    void measuresTheQueueAsKedaDoes(int sent, int inFlight, int deleted, QueueLengthStrategy strategy,
            long expectedLength, int expectedRequests) {
        QueueClient queue = newQueue(sent);
        List<QueueMessageItem> received = receive(queue, inFlight);
        received.stream().limit(deleted).forEach(m -> queue.deleteMessage(m.getMessageId(), m.getPopReceipt()));

        try (Scaler scaler = factory.create(trigger(queue.getQueueName(), strategy.parameterValue(), "0",
                AZURITE.connectionString()))) {
            String metric = scaler.metricSpecs().get(0).metricName();
            requests.set(0);

            ScalerSample sample = scaler.sample(metric);

            assertThat(sample.values()).singleElement().satisfies(value -> {
                assertThat(value.metricName()).isEqualTo("s0-azure-queue-" + queue.getQueueName());
                assertThat(value.value()).isEqualTo(MilliValue.ofWhole(expectedLength));
            });
            assertThat(requests).as("requests per poll").hasValue(expectedRequests);
        }
    }

    static Stream<Arguments> activations() {
        return Stream.of(
                argumentSet("empty queue, activation 0", 0, "0", false),
                argumentSet("one message, activation 0", 1, "0", true),
                argumentSet("at the activation length", 3, "3", false),
                argumentSet("above the activation length", 4, "3", true));
    }

    @ParameterizedTest
    @MethodSource("activations")
    void isActiveOnlyAboveTheActivationQueueLength(int messages, String activationQueueLength, boolean active) {
        QueueClient queue = newQueue(messages);

        try (Scaler scaler = factory.create(trigger(queue.getQueueName(), "all", activationQueueLength,
                AZURITE.connectionString()))) {
            assertThat(scaler.sample(scaler.metricSpecs().get(0).metricName()).active()).isEqualTo(active);
        }
    }

    @Test
    void reportsAMissingQueueByNameWithoutTheConnectionString() {
        ScalerException error = sampleFails("no-such-queue", AZURITE.connectionString());

        assertThat(error).hasMessage("trigger[0] (azure-queue): queue " + AZURITE.queueEndpoint()
                + "/no-such-queue does not exist (404 QueueNotFound)");
        assertNoCredentialIn(error, AzuriteExtension.ACCOUNT_KEY);
    }

    @Test
    void reportsAMissingQueueWithoutTheSasToken() {
        String sas = new QueueServiceClientBuilder().connectionString(AZURITE.connectionString()).buildClient()
                .generateAccountSas(new AccountSasSignatureValues(OffsetDateTime.now().plusHours(1),
                        AccountSasPermission.parse("rl"), AccountSasService.parse("q"),
                        AccountSasResourceType.parse("sco")));
        String signature = sas.replaceAll(".*sig=([^&]+).*", "$1");

        ScalerException error = sampleFails("no-such-queue",
                "QueueEndpoint=" + AZURITE.queueEndpoint() + ";SharedAccessSignature=" + sas);

        assertThat(error).hasMessageEndingWith("/no-such-queue does not exist (404 QueueNotFound)");
        assertNoCredentialIn(error, signature);
        assertNoCredentialIn(error, java.net.URLDecoder.decode(signature, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void reportsAWrongKeyWithoutEitherKey() {
        String wrongKey = Base64.getEncoder().encodeToString("this is the wrong key for the account".getBytes());
        QueueClient queue = newQueue(1);

        ScalerException error = sampleFails(queue.getQueueName(), AZURITE.connectionString(wrongKey));

        assertThat(error).hasMessageContaining("queue " + queue.getQueueUrl() + " refused the credential (403 ")
                .hasMessageContaining("check the account key or SAS");
        assertNoCredentialIn(error, wrongKey);
        assertNoCredentialIn(error, AzuriteExtension.ACCOUNT_KEY);
    }

    @Test
    void reportsAnUnreachableEndpointWithoutTheConnectionString() {
        String nobodyListens = AZURITE.connectionString().replace(":" + AZURITE.port() + "/", ":1/");

        ScalerException error = sampleFails("q", nobodyListens);

        assertThat(error).hasMessageStartingWith("trigger[0] (azure-queue): could not reach queue "
                + "http://127.0.0.1:1/devstoreaccount1/q: ");
        assertNoCredentialIn(error, AzuriteExtension.ACCOUNT_KEY);
    }

    @Test
    void givesUpAfterTheTriggerTimeoutWhenTheEndpointNeverAnswers() throws IOException {
        // A listening socket that is never accepted from: connections succeed, no response ever comes.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String connection = AZURITE.connectionString().replace(":" + AZURITE.port() + "/",
                    ":" + silent.getLocalPort() + "/");
            TriggerConfig config = trigger("q", "all", "0", connection).toBuilder()
                    .timeout(Duration.ofMillis(300)).build();

            try (Scaler scaler = factory.create(config)) {
                long start = System.nanoTime();
                ScalerException error = catchThrowableOfType(ScalerException.class,
                        () -> scaler.sample(scaler.metricSpecs().get(0).metricName()));

                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
                assertThat(error).hasMessageStartingWith("trigger[0] (azure-queue): could not reach queue ")
                        .hasMessageContaining("TimeoutException");
                assertNoCredentialIn(error, AzuriteExtension.ACCOUNT_KEY);
            }
        }
    }

    private ScalerException sampleFails(String queueName, String connection) {
        try (Scaler scaler = factory.create(trigger(queueName, "all", "0", connection))) {
            return catchThrowableOfType(ScalerException.class,
                    () -> scaler.sample(scaler.metricSpecs().get(0).metricName()));
        }
    }

    /** Neither the message nor anything a log would print (causes, stack) may hold the key. */
    private static void assertNoCredentialIn(ScalerException error, String key) {
        StringWriter printed = new StringWriter();
        error.printStackTrace(new PrintWriter(printed));
        assertThat(error.getMessage()).isNotNull().doesNotContain(key).doesNotContain("AccountKey");
        assertThat(printed.toString()).doesNotContain(key).doesNotContain("AccountKey=");
    }

    private static TriggerConfig trigger(String queueName, String strategy, String activation, String connection) {
        return TriggerConfig.builder("azure-queue")
                .metadata(Map.of("queueName", queueName, "queueLengthStrategy", strategy,
                        "activationQueueLength", activation, "connectionFromEnv", "AzureWebJobsStorage"))
                .resolvedEnv(Map.of("AzureWebJobsStorage", connection))
                .build();
    }

    private static QueueClient newQueue(int messages) {
        QueueClient queue = new QueueServiceClientBuilder().connectionString(AZURITE.connectionString()).buildClient()
                .createQueue("queue-" + QUEUES.incrementAndGet());
        for (int i = 0; i < messages; i++) {
            queue.sendMessage("message " + i);
        }
        return queue;
    }

    /** Takes messages in flight: received, invisible to others, not deleted. */
    private static List<QueueMessageItem> receive(QueueClient queue, int count) {
        List<QueueMessageItem> received = new ArrayList<>();
        while (received.size() < count) {
            int batch = Math.min(32, count - received.size());
            queue.receiveMessages(batch, IN_FLIGHT, null, null).forEach(received::add);
        }
        return received;
    }
}
