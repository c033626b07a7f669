package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tide.scaler.awssqs.testing.ElasticMqServer;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code aws-sqs-queue} scaler through the whole controller, against a real SQS-compatible server (ElasticMQ in
 * this JVM): ScaledObjects and TriggerAuthentications on the mock API server.
 */
class ScalingAwsSqsIT extends ScalingTestSupport {

    private static final String CANARY = "canary-AwsSecret-5b1e-never-shown";

    private static ElasticMqServer server;

    @BeforeAll
    static void startServer() {
        // The operator-identity test below must find no AWS credentials on the machine running the tests.
        ElasticMqServer.withoutAmbientAwsCredentials(Path.of("target"));
        server = ElasticMqServer.shared();
    }

    /** A Secret with the access key and a TriggerAuthentication {@code aws-keys} that hands both to the trigger. */
    private static void applyKeys(String ns, String keyId) {
        String keyIdRef = keyId == null ? "" : "\n  - {parameter: awsAccessKeyID, name: aws, key: id}";
        ReconcilerTestSupport.apply(ns, """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: aws
                data:
                  id: %s
                  secret: %s
                ---
                apiVersion: keda.sh/v1alpha1
                kind: TriggerAuthentication
                metadata:
                  name: aws-keys
                spec:
                  secretTargetRef:
                  - {parameter: awsSecretAccessKey, name: aws, key: secret}%s
                """.formatted(base64(keyId == null ? "unused" : keyId), base64(CANARY), keyIdRef));
    }

    private static void applySqs(String ns, String name, int replicas, ElasticMqServer on, String queueUrl, String specExtras,
            String metadataExtras) {
        applyScaledObject(ns, name, replicas, 1, specExtras, """
                - type: aws-sqs-queue
                  authenticationRef:
                    name: aws-keys
                  metadata:
                    queueURL: %s
                    awsRegion: eu-west-1
                    awsEndpoint: %s
                    queueLength: "5"
                %s
                """.formatted(queueUrl, on.endpoint(), metadataExtras.indent(4).stripTrailing()));
    }

    /** The one value the metrics API serves for the trigger's metric, and whether it is the fallback. */
    private Map<String, Object> served(String ns, String name) {
        Response response = get(metricPath(ns, name, "s0-aws-sqs-orders"));
        assertThat(response.status()).isEqualTo(200);
        return Map.<String, Object>of("value", metricValue(response),
                "fallback", response.body().getOrDefault("fallback", false));
    }

    @Test
    void aQueueScalesItsWorkersFromZeroToNAndBackAsMessagesComeAndGo() {
        String ns = "sqs";
        String queue = server.createQueue("orders");
        applyKeys(ns, "AKIDTIDE");
        applySqs(ns, "worker", 0, server, queue, "cooldownPeriod: 60", "");
        ReconcilerTestSupport.awaitCondition(ns, "worker", "Ready", "True");
        HorizontalPodAutoscaler hpa = ReconcilerTestSupport.awaitHpa(ns, "keda-hpa-worker");
        assertThat(hpa.getSpec().getMetrics()).singleElement()
                .satisfies(metric -> assertThat(metric.getExternal().getMetric().getName()).isEqualTo("s0-aws-sqs-orders"));

        server.send(queue, 28);
        assertThat(server.receive(queue, 2, 300)).isEqualTo(2);
        awaitReplicas(ns, "worker", 1, WAIT);
        // 26 visible + 2 in flight (scaleOnInFlight defaults to true): the server's own counts.
        long counted = server.count(queue, "ApproximateNumberOfMessages") + server.count(queue, "ApproximateNumberOfMessagesNotVisible");
        assertThat(counted).isEqualTo(28);
        await().atMost(WAIT).untilAsserted(() -> assertThat(served(ns, "worker")).containsEntry("value", Long.toString(counted)));
        // From 1 the HPA's default policy allows 5 (4 pods more) on its first sync, then 28 / 5 = 6.
        assertThat(hpaReplicas(hpa, "28", 1)).containsExactly(5, 6);

        server.purge(queue);
        awaitCooldownToZero(ns, "worker", Duration.ofSeconds(5));
        deleteScaledObject(ns, "worker");
    }

    @Test
    void aStoppedServerNeverScalesInAndServesTheFallback() {
        String ns = "sqs-down";
        ElasticMqServer own = ElasticMqServer.start();
        String queue = own.createQueue("orders");
        own.send(queue, 12);
        applyKeys(ns, "AKIDTIDE");
        applySqs(ns, "worker", 2, own, queue, """
                cooldownPeriod: 0
                fallback:
                  failureThreshold: 2
                  replicas: 3""", "");
        ReconcilerTestSupport.awaitCondition(ns, "worker", "Ready", "True");
        await().atMost(WAIT).until(() -> conditionReason(ns, "worker", "Active").equals("True/ScalerActive"));

        own.close();
        CLOCK.advance(Duration.ofHours(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> conditionReason(ns, "worker", "Fallback").equals("True/FallbackExists"));
        assertThat(replicas(ns, "worker")).isEqualTo(2);
        // queueLength (5) × fallback replicas (3).
        assertThat(served(ns, "worker")).containsEntry("fallback", true).containsEntry("value", "15");
        assertThat(ReconcilerTestSupport.events(ns)).anySatisfy(event -> {
            assertThat(event.getReason()).isEqualTo("KEDAScalerFailed");
            assertThat(event.getMessage()).startsWith("trigger[0] (aws-sqs-queue): could not reach SQS at " + own.endpoint())
                    .doesNotContain(CANARY);
        });
        deleteScaledObject(ns, "worker");
    }

    /**
     * ElasticMQ checks no signature, so a wrong secret is accepted there; the credential errors shown are the ones
     * Tide decides: a secret without its key id (Ready=False), and no credentials at all for the operator's identity.
     */
    @Test
    void credentialErrorsAreClearAndNeverShowTheSecret() {
        String ns = "sqs-credentials";
        String queue = server.createQueue("credentials");
        applyKeys(ns, null);
        applySqs(ns, "no-key-id", 0, server, queue, "", "");
        ReconcilerTestSupport.awaitCondition(ns, "no-key-id", "Ready", "False");
        assertThat(ReconcilerTestSupport.condition(ns, "no-key-id", "Ready").orElseThrow().message())
                .contains("trigger[0] (aws-sqs-queue): awsAccessKeyID not found").doesNotContain(CANARY);

        applySqs(ns, "operator", 1, server, queue, "", "identityOwner: operator");
        await().atMost(WAIT).untilAsserted(() -> assertThat(ReconcilerTestSupport.events(ns))
                .filteredOn(event -> event.getReason().equals("KEDAScalerFailed"))
                .anySatisfy(event -> assertThat(event.getMessage()).startsWith(
                        "trigger[0] (aws-sqs-queue): no AWS credentials to read queue " + queue + " with (DefaultChain)")));
        assertThat(ReconcilerTestSupport.events(ns)).allSatisfy(event -> assertThat(event.getMessage()).doesNotContain(CANARY));
        assertThat(ReconcilerTestSupport.scaledObject(ns, "no-key-id").toString()).doesNotContain(CANARY);
        assertThat(MockCluster.logLines()).noneMatch(line -> line.contains(CANARY));
        assertThat(replicas(ns, "operator")).isEqualTo(1);
        deleteScaledObject(ns, "no-key-id");
        deleteScaledObject(ns, "operator");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
