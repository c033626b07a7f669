package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.keda.api.ScaledObject;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The ScaledObject KEDA users combine most: a queue (kafka) with a cpu floor, business-hours pre-scaling (cron) and a
 * metric they already have (prometheus), written as KEDA's docs write each trigger. It is admitted unchanged, gets
 * KEDA's HPA, and scales from zero on the queue.
 */
class ScalingCombinedTriggersIT extends ScalingTestSupport {

    @Test
    void kafkaCpuCronAndPrometheusApplyUnchangedAndProduceKedasHpa() throws Exception {
        String ns = "combined";
        TestKafka kafka = TestKafka.start();
        try {
            kafka.topics("orders");
            applyScaledObject(ns, "orders", 0, 1, "cooldownPeriod: 60\nmaxReplicaCount: 20", """
                    - type: kafka
                      metadata:
                        bootstrapServers: %s
                        consumerGroup: workers
                        topic: orders
                        lagThreshold: "5"
                    - type: cpu
                      metricType: Utilization
                      metadata:
                        value: "60"
                    - type: cron
                      metadata:
                        timezone: Etc/UTC
                        start: 0 0 1 1 *
                        end: 1 0 1 1 *
                        desiredReplicas: "10"
                    - type: prometheus
                      metadata:
                        serverAddress: http://127.0.0.1:1
                        threshold: "100"
                        query: sum(rate(http_requests_total{deployment="orders"}[2m]))
                    """.formatted(kafka.bootstrap), """
                    resources:
                      requests:
                        cpu: 100m""");
            ReconcilerTestSupport.awaitCondition(ns, "orders", "Ready", "True");

            HorizontalPodAutoscaler hpa = CLIENT.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName("keda-hpa-orders").get();
            assertThat(hpa.getSpec().getMetrics()).extracting(m -> m.getType() + " " + (m.getExternal() != null
                    ? m.getExternal().getMetric().getName() + " " + m.getExternal().getTarget().getType() + " "
                            + m.getExternal().getTarget().getAverageValue()
                    : m.getResource().getName() + " " + m.getResource().getTarget().getType() + " "
                            + m.getResource().getTarget().getAverageUtilization()))
                    .containsExactly(
                            "External s0-kafka-orders AverageValue 5",
                            "External s2-cron-Etc-UTC-0011x-1011x AverageValue 1",
                            "External s3-prometheus AverageValue 100",
                            "Resource cpu Utilization 60");
            ScaledObject so = ReconcilerTestSupport.scaledObject(ns, "orders");
            assertThat(so.getStatus().getExternalMetricNames()).containsExactly("s0-kafka-orders", "s2-cron-Etc-UTC-0011x-1011x", "s3-prometheus");
            assertThat(so.getStatus().getResourceMetricNames()).containsExactly("cpu");
            assertThat(so.getStatus().getTriggersTypes()).isEqualTo("kafka,cpu,cron,prometheus");

            // Prometheus cannot be reached here: its reads fail, which never scales in; the queue still activates.
            kafka.produce("orders", 10);
            awaitReplicas(ns, "orders", 1, Duration.ofSeconds(10));
            deleteScaledObject(ns, "orders");
        } finally {
            kafka.closeClients();
            kafka.broker.destroy();
        }
    }
}
