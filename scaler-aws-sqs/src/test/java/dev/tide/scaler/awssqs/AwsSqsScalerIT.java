package dev.tide.scaler.awssqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.awssqs.testing.ElasticMqServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scaler against a real SQS-compatible server (ElasticMQ in this JVM): values, credentials, failures. */
class AwsSqsScalerIT {

    private static final String CANARY = "canary-Secret-7f3a9c-do-not-print";
    private static final AtomicInteger QUEUES = new AtomicInteger();

    private static ElasticMqServer server;
    private final AwsSqsScalerFactory factory = new AwsSqsScalerFactory(new SqsClients(SqsClients::open));
    private final List<Scaler> scalers = new java.util.ArrayList<>();

    @BeforeAll
    static void start() {
        ElasticMqServer.withoutAmbientAwsCredentials(Path.of("target"));
        server = ElasticMqServer.shared();
    }

    @AfterEach
    void closeScalers() {
        scalers.forEach(Scaler::close);
    }

    private static String newQueue() {
        return server.createQueue("orders-" + QUEUES.incrementAndGet());
    }

    private static Map<String, String> metadata(String queueUrl, String... more) {
        Map<String, String> metadata = new HashMap<>(Map.of("queueURL", queueUrl, "awsRegion", "eu-west-1",
                "awsEndpoint", server.endpoint().toString()));
        for (int i = 0; i < more.length; i += 2) {
            metadata.put(more[i], more[i + 1]);
        }
        return metadata;
    }

    private static Map<String, String> keys(String secret) {
        return Map.of("awsAccessKeyID", "AKIDTIDETEST", "awsSecretAccessKey", secret);
    }

    private Scaler scaler(Map<String, String> metadata, Map<String, String> auth) {
        Scaler scaler = factory.create(TriggerConfig.builder("aws-sqs-queue").metadata(metadata).authParams(auth)
                .timeout(Duration.ofSeconds(2)).build());
        scalers.add(scaler);
        return scaler;
    }

    private static long read(Scaler scaler) {
        ScalerSample sample = scaler.sample(scaler.metricSpecs().get(0).metricName());
        return sample.values().get(0).value().millis() / 1000;
    }

    private static long serverSum(String queueUrl, String... attributes) {
        long sum = 0;
        for (String attribute : attributes) {
            sum += server.count(queueUrl, attribute);
        }
        return sum;
    }

    @Test
    void theValueEqualsTheServersOwnCountsOfVisibleInFlightAndDelayedMessages() {
        String queue = newQueue();
        server.send(queue, 7);
        assertThat(server.receive(queue, 2, 300)).isEqualTo(2);
        server.sendDelayed(queue, 3, 300);

        Scaler visibleOnly = scaler(metadata(queue, "scaleOnInFlight", "false"), keys("secret-one"));
        Scaler byDefault = scaler(metadata(queue), keys("secret-one"));
        Scaler everything = scaler(metadata(queue, "scaleOnDelayed", "true"), keys("secret-one"));

        assertThat(serverSum(queue, QueueLength.VISIBLE, QueueLength.IN_FLIGHT, QueueLength.DELAYED)).isEqualTo(10);
        assertThat(read(visibleOnly)).isEqualTo(serverSum(queue, QueueLength.VISIBLE)).isEqualTo(5);
        assertThat(read(byDefault)).isEqualTo(serverSum(queue, QueueLength.VISIBLE, QueueLength.IN_FLIGHT)).isEqualTo(7);
        assertThat(read(everything)).isEqualTo(serverSum(queue, QueueLength.VISIBLE, QueueLength.IN_FLIGHT,
                QueueLength.DELAYED)).isEqualTo(10);
        assertThat(factory.clientCount()).as("one client for one region, endpoint and key").isEqualTo(1);
    }

    @Test
    void theTriggerIsActiveOnlyAboveTheActivationLength() {
        String queue = newQueue();
        server.send(queue, 3);
        Scaler activeAbove2 = scaler(metadata(queue, "activationQueueLength", "2"), keys("secret-one"));
        Scaler activeAbove3 = scaler(metadata(queue, "activationQueueLength", "3"), keys("secret-one"));
        assertThat(activeAbove2.sample(activeAbove2.metricSpecs().get(0).metricName()).active()).isTrue();
        assertThat(activeAbove3.sample(activeAbove3.metricSpecs().get(0).metricName()).active()).isFalse();
        server.purge(queue);
        assertThat(read(activeAbove2)).isZero();
    }

    /**
     * KEDA sends a bare name as the {@code QueueUrl} as written (AWS resolves it); ElasticMQ wants a path, so against it
     * the read fails, clearly, and is never a 0. Resolving bare names is therefore not verified here.
     */
    @Test
    void aBareQueueNameIsSentAsWrittenAndAServerThatRefusesItGivesAnError() {
        String queue = newQueue();
        String name = queue.substring(queue.lastIndexOf('/') + 1);
        server.send(queue, 4);
        Scaler scaler = scaler(metadata(name), keys("secret-one"));
        assertThat(scaler.metricSpecs().get(0).metricName()).isEqualTo("s0-aws-sqs-" + name);
        assertThatThrownBy(() -> read(scaler))
                .isInstanceOf(ScalerException.class)
                .hasMessageStartingWith("trigger[0] (aws-sqs-queue): error getting the attributes of queue " + name
                        + ": InvalidAction (400): ");
    }

    /**
     * ElasticMQ checks no signature, so a wrong secret cannot be refused by it: this records that fact, and the
     * credential error path is tested with no credentials at all instead (below).
     */
    @Test
    void elasticMqAcceptsAnySecretSoAWrongKeyCannotBeTestedAgainstIt() {
        String queue = newQueue();
        server.send(queue, 1);
        assertThat(read(scaler(metadata(queue), keys("certainly-not-the-secret")))).isEqualTo(1);
    }

    @Test
    void noCredentialsAnywhereIsAClearErrorNamingTheTrigger() {
        String queue = newQueue();
        Scaler scaler = scaler(metadata(queue, "identityOwner", "operator"), Map.of("awsSecretAccessKey", CANARY));
        assertThatThrownBy(() -> read(scaler))
                .isInstanceOf(ScalerException.class)
                .hasMessageStartingWith("trigger[0] (aws-sqs-queue): no AWS credentials to read queue " + queue
                        + " with (DefaultChain): Unable to load credentials")
                .satisfies(error -> assertThat(everything(error)).doesNotContain(CANARY));
    }

    @Test
    void theSecretKeyAppearsInNoMessageOrToString() {
        String missing = server.endpoint() + "/" + ElasticMqServer.ACCOUNT + "/missing-" + QUEUES.incrementAndGet();
        Scaler scaler = scaler(metadata(missing), Map.of("awsAccessKeyId", "AKIDTIDETEST", "awsSecretAccessKey", CANARY,
                "awsSessionToken", CANARY + "-token"));
        Throwable readError = catchThrowable(() -> read(scaler));
        assertThat(readError).isInstanceOf(ScalerException.class);

        TriggerConfig noKeyId = TriggerConfig.builder("aws-sqs-queue").metadata(metadata(missing))
                .authParams(Map.of("awsSecretAccessKey", CANARY)).build();
        Throwable configError = catchThrowable(() -> factory.create(noKeyId));
        assertThat(configError).isInstanceOf(ScalerConfigException.class)
                .hasMessage("trigger[0] (aws-sqs-queue): awsAccessKeyID not found");

        AwsSqsTrigger trigger = AwsSqsTrigger.parse(TriggerConfig.builder("aws-sqs-queue").metadata(metadata(missing))
                .authParams(keys(CANARY)).build());
        String shown = everything(readError) + everything(configError) + scaler + trigger + noKeyId
                + factory.connectionKey(noKeyId) + factory.validate(noKeyId, java.util.Set.of());
        assertThat(shown).doesNotContain(CANARY).contains("<redacted>");
    }

    @Test
    void aStoppedServerFailsTheReadWithinTheTimeoutAndNeverGivesZero() {
        ElasticMqServer own = ElasticMqServer.start();
        String queue = own.createQueue("stopping");
        own.send(queue, 2);
        Map<String, String> metadata = new HashMap<>(metadata(queue));
        metadata.put("awsEndpoint", own.endpoint().toString());
        Scaler scaler = scaler(metadata, keys(CANARY));
        assertThat(read(scaler)).isEqualTo(2);

        own.close();
        long started = System.nanoTime();
        assertThatThrownBy(() -> read(scaler))
                .isInstanceOf(ScalerException.class)
                .hasMessageStartingWith("trigger[0] (aws-sqs-queue): could not reach SQS at " + own.endpoint()
                        + " for queue " + queue + ": ")
                .satisfies(error -> assertThat(everything(error)).doesNotContain(CANARY));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    /** A server that takes the connection and never answers: the read ends at the trigger's timeout, not the SDK's. */
    @Test
    void aServerThatNeverAnswersFailsTheReadAtTheTriggersTimeout() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            String endpoint = "http://127.0.0.1:" + silent.getLocalPort();
            Map<String, String> metadata = new HashMap<>(metadata(endpoint + "/" + ElasticMqServer.ACCOUNT + "/silent"));
            metadata.put("awsEndpoint", endpoint);
            Scaler scaler = factory.create(TriggerConfig.builder("aws-sqs-queue").metadata(metadata).authParams(keys(CANARY))
                    .timeout(Duration.ofSeconds(1)).build());
            scalers.add(scaler);
            long started = System.nanoTime();
            assertThatThrownBy(() -> read(scaler))
                    .isInstanceOf(ScalerException.class)
                    .hasMessageEndingWith(": no answer within 1000ms")
                    .satisfies(error -> assertThat(everything(error)).doesNotContain(CANARY));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(3));
        }
    }

    @Test
    void triggersShareAClientOnlyWithTheSameCredentials() {
        String queue = newQueue();
        scaler(metadata(queue), keys("one"));
        scaler(metadata(queue, "queueLength", "9"), keys("one"));
        assertThat(factory.clientCount()).isEqualTo(1);
        scaler(metadata(queue), keys("two"));
        assertThat(factory.clientCount()).isEqualTo(2);
    }

    /** A throwable's messages and toStrings down its cause chain. */
    private static String everything(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            text.append(cause).append('\n');
        }
        return text.toString();
    }
}
