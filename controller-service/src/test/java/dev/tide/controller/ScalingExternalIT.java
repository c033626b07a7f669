package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tide.scaler.external.testing.ExternalScalerServer;
import dev.tide.scaler.external.testing.TestCertificates;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * KEDA's external scalers through the whole controller: a real gRPC server implementing {@code externalscaler.proto}
 * (written against the proto alone, as a KEDA user's server is), ScaledObjects of type {@code external} and
 * {@code external-push} on the mock API server.
 */
class ScalingExternalIT extends ScalingTestSupport {

    /** Deployment {@code name} at {@code replicas} and a ScaledObject on one external trigger; does not wait. */
    private static void applyExternal(String ns, String name, int replicas, String type, String address, int pollingInterval,
            String specExtras, String triggerExtras) {
        applyScaledObject(ns, name, replicas, pollingInterval, specExtras, """
                - type: %s
                %s
                  metadata:
                    scalerAddress: %s
                    targetSize: "5"
                    queue: orders
                """.formatted(type, triggerExtras.indent(2).stripTrailing(), address));
    }

    @Test
    void anExternalScalerWrittenForKedaScalesFromZeroToNAndBackOverMutualTls() {
        String ns = "external";
        TestCertificates authority = TestCertificates.authority("external-it");
        TestCertificates.Pem client = authority.client("RSA");
        try (ExternalScalerServer server = ExternalScalerServer.mutualTls(authority)) {
            ReconcilerTestSupport.apply(ns, """
                    apiVersion: v1
                    kind: Secret
                    metadata:
                      name: scaler-tls
                    data:
                      ca: %s
                      cert: %s
                      key: %s
                    ---
                    apiVersion: keda.sh/v1alpha1
                    kind: TriggerAuthentication
                    metadata:
                      name: scaler-tls
                    spec:
                      secretTargetRef:
                      - {parameter: caCert, name: scaler-tls, key: ca}
                      - {parameter: tlsClientCert, name: scaler-tls, key: cert}
                      - {parameter: tlsClientKey, name: scaler-tls, key: key}
                    """.formatted(base64(authority.caCertificate()), base64(client.certificate()), base64(client.rsaKey())));
            applyExternal(ns, "worker", 0, "external", server.address(), 1, "cooldownPeriod: 60",
                    "authenticationRef:\n  name: scaler-tls");
            ReconcilerTestSupport.awaitCondition(ns, "worker", "Ready", "True");

            HorizontalPodAutoscaler hpa = CLIENT.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName("keda-hpa-worker").get();
            assertThat(hpa.getSpec().getMetrics()).singleElement().satisfies(metric -> {
                assertThat(metric.getExternal().getMetric().getName()).isEqualTo("s0-queue-length");
                assertThat(metric.getExternal().getTarget().getAverageValue().toString()).isEqualTo("5");
            });
            assertThat(ReconcilerTestSupport.scaledObject(ns, "worker").getStatus().getExternalMetricNames())
                    .containsExactly("s0-queue-length");
            // The server gets the trigger's metadata as KEDA sends it; the TriggerAuthentication's parameters stay home.
            assertThat(server.lastMetadata(ns, "worker")).containsEntry("queue", "orders")
                    .containsEntry("scalerAddress", server.address()).doesNotContainKeys("caCert", "tlsClientKey");

            server.length(ns, "worker", 30);
            awaitReplicas(ns, "worker", 1, WAIT);
            await().atMost(WAIT).untilAsserted(() -> assertThat(metricValue(get(metricPath(ns, "worker", "s0-queue-length"))))
                    .isEqualTo("30"));
            // From 1 the HPA's default policy allows 5 on its first sync, then 30 / 5 = 6.
            assertThat(hpaReplicas(hpa, "30", 1)).containsExactly(5, 6);

            server.length(ns, "worker", 0);
            awaitCooldownToZero(ns, "worker", Duration.ofSeconds(5));
            assertThat(server.connections()).as("one TLS connection served every call").isEqualTo(1);
            deleteScaledObject(ns, "worker");
        }
    }

    @Test
    void aPushActivatesAScaledObjectAtZeroWithin500MillisecondsThoughItPollsEvery30Seconds() {
        String ns = "external-push";
        try (ExternalScalerServer server = ExternalScalerServer.plaintext()) {
            applyExternal(ns, "worker", 0, "external-push", server.address(), 30, "cooldownPeriod: 300", "");
            ReconcilerTestSupport.awaitCondition(ns, "worker", "Ready", "True");
            await().atMost(WAIT).until(() -> server.openStreams(ns, "worker") == 1
                    && conditionReason(ns, "worker", "Active").equals("False/ScalerNotActive"));
            int polls = server.calls("IsActive");

            server.length(ns, "worker", 3);
            long pushed = System.nanoTime();
            server.push(ns, "worker", true);
            awaitReplicas(ns, "worker", 1, Duration.ofSeconds(5));
            assertThat(Duration.ofNanos(System.nanoTime() - pushed)).isLessThan(Duration.ofMillis(500));
            assertThat(server.calls("IsActive")).as("one pass, on the push").isEqualTo(polls + 1);
            deleteScaledObject(ns, "worker");
        }
    }

    @Test
    void aKilledServerNeverScalesInAndServesTheFallbackAndARestartedOneIsStreamedAgain() {
        String ns = "external-down";
        try (ExternalScalerServer server = ExternalScalerServer.plaintext()) {
            server.length(ns, "worker", 12);
            applyExternal(ns, "worker", 2, "external-push", server.address(), 1, """
                    cooldownPeriod: 0
                    fallback:
                      failureThreshold: 2
                      replicas: 3""", "");
            ReconcilerTestSupport.awaitCondition(ns, "worker", "Ready", "True");
            await().atMost(WAIT).until(() -> server.openStreams(ns, "worker") == 1
                    && conditionReason(ns, "worker", "Active").equals("True/ScalerActive"));

            server.stop();
            CLOCK.advance(Duration.ofHours(1));
            await().atMost(WAIT).until(() -> conditionReason(ns, "worker", "Fallback").equals("True/FallbackExists"));
            assertThat(replicas(ns, "worker")).isEqualTo(2);
            Response fallback = get(metricPath(ns, "worker", "s0-queue-length"));
            assertThat(fallback.body()).containsEntry("fallback", true);
            // targetSize (5) × fallback replicas (3).
            assertThat(metricValue(fallback)).isEqualTo("15");

            server.start();
            // The stream comes back after KEDA's backoff (2 s, doubling while the server was down).
            await().atMost(Duration.ofSeconds(30)).until(() -> server.openStreams(ns, "worker") == 1);
            await().atMost(WAIT).until(() -> conditionReason(ns, "worker", "Fallback").equals("False/NoFallbackFound"));
            assertThat(replicas(ns, "worker")).isEqualTo(2);
            deleteScaledObject(ns, "worker");
        }
    }

    @Test
    void fiveHundredTriggersOnOneAddressShareOneConnection() {
        String ns = "external-many";
        try (ExternalScalerServer server = ExternalScalerServer.plaintext()) {
            String triggers = IntStream.range(0, 10).mapToObj(i -> """
                    - type: external
                      metadata:
                        scalerAddress: %s
                        metricName: queue-%d
                    """.formatted(server.address(), i)).reduce("", String::concat);
            IntStream.range(0, 50).forEach(so -> applyScaledObject(ns, "worker-" + so, 0, 30, "", triggers));
            // Every trigger read on its first pass (the next is 30 s away): a burst on one connection is spread by the
            // retry, not refused.
            await().atMost(Duration.ofSeconds(25)).until(() -> server.calls("GetMetrics") >= 500);
            // No read failed; a build may outlast the tests' 1 s plugin-call timeout on 2 busy cores, and is retried.
            assertThat(ReconcilerTestSupport.events(ns)).filteredOn(event -> event.getReason().equals("KEDAScalerFailed"))
                    .allSatisfy(event -> assertThat(event.getMessage()).contains("was not built within"));
            assertThat(IntStream.range(0, 50)).allSatisfy(so -> assertThat(
                    ReconcilerTestSupport.scaledObject(ns, "worker-" + so).getStatus().getExternalMetricNames()).hasSize(10));
            assertThat(server.connections()).isEqualTo(1);
            IntStream.range(0, 50).forEach(so -> deleteScaledObject(ns, "worker-" + so));
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

}
