package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole loop with the real Kafka scaler against a real KRaft broker in the test JVM: lag appears, 0→1 within one
 * pollingInterval; lag drains, back to 0 after the cooldown; the broker stops, no scale-in and the fallback after
 * failureThreshold.
 */
class ScalingKafkaIT extends ScalingTestSupport {

    @Test
    void scalesOnARealBrokersLagAndHoldsWhenTheBrokerStops() throws Exception {
        String ns = "kafka";
        TestKafka kafka = TestKafka.start();
        try {
            kafka.topics("orders");
            applyKafkaScaledObject(ns, kafka.bootstrap, """
                    cooldownPeriod: 60
                    fallback:
                      failureThreshold: 2
                      replicas: 3""");
            ReconcilerTestSupport.awaitCondition(ns, "orders", "Ready", "True");
            await().atMost(WAIT).until(() -> conditionReason(ns, "orders", "Active").equals("False/ScalerNotActive"));

            kafka.produce("orders", 10);
            long start = System.nanoTime();
            awaitReplicas(ns, "orders", 1, Duration.ofSeconds(5));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
            // Lag 10, capped at partitions × lagThreshold (1 × 5) as KEDA caps it: more replicas than partitions idle.
            Response lag = get(metricPath(ns, "orders", "s0-kafka-orders"));
            assertThat(lag.status()).isEqualTo(200);
            assertThat(lag.body().get("values")).asList().singleElement()
                    .satisfies(v -> assertThat(((Map<?, ?>) v).get("value")).isEqualTo("5"));

            kafka.commit("orders", 10);
            await().atMost(WAIT).until(() -> conditionReason(ns, "orders", "Active").equals("False/ScalerCooldown"));
            CLOCK.advance(Duration.ofSeconds(61));
            awaitReplicas(ns, "orders", 0, Duration.ofSeconds(5));

            kafka.produce("orders", 1);
            awaitReplicas(ns, "orders", 1, Duration.ofSeconds(5));
        } finally {
            kafka.closeClients();
        }

        kafka.broker.destroy();
        long dead = System.nanoTime();
        int kafkaLinesBefore = MockCluster.lineCount("org.apache.kafka");
        CLOCK.advance(Duration.ofHours(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> conditionReason(ns, "orders", "Fallback").equals("True/FallbackExists"));
        assertThat(replicas(ns, "orders")).isEqualTo(1);
        // KEDA keeps Ready=True while a fallback serves; the Fallback condition and a KEDAScalerFailed event say why.
        assertThat(conditionReason(ns, "orders", "Ready")).isEqualTo("True/ScaledObjectReady");
        assertThat(ReconcilerTestSupport.events(ns)).anySatisfy(event -> {
            assertThat(event.getReason()).isEqualTo("KEDAScalerFailed");
            assertThat(event.getType()).isEqualTo("Warning");
            assertThat(event.getMessage()).startsWith("trigger[0] (kafka): ");
        });
        Response fallback = get(metricPath(ns, "orders", "s0-kafka-orders"));
        assertThat(fallback.status()).isEqualTo(200);
        assertThat(fallback.body()).containsEntry("fallback", true);
        // lagThreshold (5) × fallback replicas (3): the HPA computes exactly 3.
        assertThat(fallback.body().get("values")).asList().singleElement()
                .satisfies(v -> assertThat(((Map<?, ?>) v).get("value")).isEqualTo("15"));

        // A dead cluster for a minute: a few lines from Kafka's client, not one per reconnect attempt.
        await().pollDelay(Duration.ofNanos(Math.max(0, Duration.ofSeconds(60).toNanos() - (System.nanoTime() - dead))))
                .atMost(Duration.ofSeconds(70))
                .until(() -> true);
        assertThat(MockCluster.lineCount("org.apache.kafka") - kafkaLinesBefore).isLessThanOrEqualTo(10);
    }
}
