package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tide.scaler.rabbitmq.testing.RabbitMqServer;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole loop with the real rabbitmq scaler against a real RabbitMQ node ({@link RabbitMqServer}, one per JVM):
 * messages arrive, 0 → N; the queue drains, back to 0 after the cooldown; the node stops, no scale-in and the fallback
 * after failureThreshold; a wrong password is an event that says so without the password.
 */
class ScalingRabbitMqIT extends ScalingTestSupport {

    private static final String VHOST = "tide-scaling";
    private static final String CANARY = "Canary-RabbitMq-Pa55-7c1d";

    private static RabbitMqServer server;

    @BeforeAll
    static void startNode() {
        server = RabbitMqServer.shared();
        server.addVhost(VHOST);
        server.addUser("tide-scaling", "right-password", VHOST);
    }

    /** Deployment and ScaledObject {@code name} at 0 on queue {@code orders} (value 5), polled every second. */
    private static void applyRabbitMq(String ns, String name, String host, String specExtras, String triggerExtras) {
        applyScaledObject(ns, name, 0, 1, specExtras, """
                - type: rabbitmq
                %s
                  metadata:
                    host: %s
                    queueName: orders
                    mode: QueueLength
                    value: "5"
                """.formatted(triggerExtras.indent(2).stripTrailing(), host));
    }

    @Test
    void scalesOnARealQueueFromZeroToNAndBackAndHoldsWhenTheNodeStops() {
        String ns = "rabbitmq";
        server.recreateQueue(VHOST, "orders");
        applyRabbitMq(ns, "orders", server.amqpUri(VHOST), """
                cooldownPeriod: 60
                fallback:
                  failureThreshold: 2
                  replicas: 3""", "");
        ReconcilerTestSupport.awaitCondition(ns, "orders", "Ready", "True");
        await().atMost(WAIT).until(() -> conditionReason(ns, "orders", "Active").equals("False/ScalerNotActive"));
        HorizontalPodAutoscaler hpa = CLIENT.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName("keda-hpa-orders").get();
        assertThat(hpa.getSpec().getMetrics()).singleElement().satisfies(metric -> {
            assertThat(metric.getExternal().getMetric().getName()).isEqualTo("s0-rabbitmq-orders");
            assertThat(metric.getExternal().getTarget().getAverageValue().toString()).isEqualTo("5");
        });

        server.publish(VHOST, "orders", 30);
        awaitReplicas(ns, "orders", 1, WAIT);
        // The value served is the node's own count of the queue.
        assertThat(server.listQueues(VHOST).get("orders")[1]).isEqualTo(30);
        await().atMost(WAIT).untilAsserted(() -> assertThat(metricValue(get(metricPath(ns, "orders", "s0-rabbitmq-orders"))))
                .isEqualTo("30"));
        // From 1 the HPA's default policy allows 5 on its first sync, then 30 / 5 = 6.
        assertThat(hpaReplicas(hpa, "30", 1)).containsExactly(5, 6);

        server.purge(VHOST, "orders");
        awaitCooldownToZero(ns, "orders", WAIT);

        server.publish(VHOST, "orders", 12);
        awaitReplicas(ns, "orders", 1, WAIT);
        server.stopApp();
        try {
            CLOCK.advance(Duration.ofHours(1));
            await().atMost(Duration.ofSeconds(30)).until(() -> conditionReason(ns, "orders", "Fallback").equals("True/FallbackExists"));
            assertThat(replicas(ns, "orders")).isEqualTo(1);
            assertThat(ReconcilerTestSupport.events(ns)).anySatisfy(event -> {
                assertThat(event.getReason()).isEqualTo("KEDAScalerFailed");
                assertThat(event.getMessage()).startsWith("trigger[0] (rabbitmq): error inspecting RabbitMQ: ");
            });
            Response fallback = get(metricPath(ns, "orders", "s0-rabbitmq-orders"));
            assertThat(fallback.body()).containsEntry("fallback", true);
            // value (5) × fallback replicas (3).
            assertThat(metricValue(fallback)).isEqualTo("15");
        } finally {
            server.startApp();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> conditionReason(ns, "orders", "Fallback").equals("False/NoFallbackFound"));
        assertThat(replicas(ns, "orders")).isEqualTo(1);
        deleteScaledObject(ns, "orders");
    }

    @Test
    void aWrongPasswordIsAnEventThatSaysSoWithoutThePassword() {
        String ns = "rabbitmq-auth";
        server.recreateQueue(VHOST, "orders");
        ReconcilerTestSupport.apply(ns, """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: rabbitmq-auth
                data:
                  username: %s
                  password: %s
                ---
                apiVersion: keda.sh/v1alpha1
                kind: TriggerAuthentication
                metadata:
                  name: rabbitmq-auth
                spec:
                  secretTargetRef:
                  - {parameter: username, name: rabbitmq-auth, key: username}
                  - {parameter: password, name: rabbitmq-auth, key: password}
                """.formatted(base64("tide-scaling"), base64(CANARY)));
        applyRabbitMq(ns, "worker", server.httpUri(VHOST), "", "authenticationRef:\n  name: rabbitmq-auth");
        await().atMost(WAIT).untilAsserted(() -> assertThat(ReconcilerTestSupport.events(ns)).anySatisfy(event -> {
            assertThat(event.getReason()).isEqualTo("KEDAScalerFailed");
            assertThat(event.getMessage()).startsWith("trigger[0] (rabbitmq): error inspecting RabbitMQ: error requesting "
                    + "RabbitMQ API status: 401 Unauthorized");
        }));
        assertThat(ReconcilerTestSupport.events(ns)).allSatisfy(event -> assertThat(event.getMessage()).doesNotContain(CANARY));
        assertThat(ReconcilerTestSupport.scaledObject(ns, "worker").getStatus().toString()).doesNotContain(CANARY);
        assertThat(MockCluster.logLines()).noneMatch(line -> line.contains(CANARY));
        assertThat(replicas(ns, "worker")).isZero();
        deleteScaledObject(ns, "worker");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
