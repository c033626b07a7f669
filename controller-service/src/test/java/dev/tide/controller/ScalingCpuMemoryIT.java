package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tide.keda.api.ScaledObject;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * cpu and memory triggers through the controller: not polled, written into the HPA as Resource metrics, active only
 * when they are the ScaledObject's only triggers, and checked with KEDA's rules and messages.
 */
class ScalingCpuMemoryIT extends ScalingTestSupport {

    private static final String REQUESTS = """
            resources:
              requests:
                cpu: 100m
                memory: 64Mi""";
    private static final String CPU = """
            - type: cpu
              metricType: Utilization
              metadata:
                value: "60"
            """;

    @Test
    void aScaledObjectOnCpuAloneIsAlwaysActiveAndItsHpaReadsCpu() {
        String ns = "cpu-alone";
        applyScaledObject(ns, "worker", 0, 1, "minReplicaCount: 1\nmaxReplicaCount: 4", CPU, REQUESTS);
        ReconcilerTestSupport.awaitCondition(ns, "worker", "Ready", "True");

        // Nothing reads a source, yet the loop brings the workload up from 0: KEDA's cpu scaler is always active.
        awaitReplicas(ns, "worker", 1, WAIT);
        await().atMost(WAIT).until(() -> conditionReason(ns, "worker", "Active").startsWith("True/"));
        HorizontalPodAutoscaler hpa = CLIENT.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName("keda-hpa-worker").get();
        assertThat(hpa.getSpec().getMetrics()).singleElement().satisfies(metric -> {
            assertThat(metric.getType()).isEqualTo("Resource");
            assertThat(metric.getResource().getName()).isEqualTo("cpu");
            assertThat(metric.getResource().getTarget().getAverageUtilization()).isEqualTo(60);
        });
        ScaledObject so = ReconcilerTestSupport.scaledObject(ns, "worker");
        assertThat(so.getStatus().getResourceMetricNames()).containsExactly("cpu");
        assertThat(so.getStatus().getExternalMetricNames()).isNullOrEmpty();
        deleteScaledObject(ns, "worker");
    }

    @Test
    void besideAQueueCpuCountsForNothingSoAQuietQueueStillScalesToZero() {
        String ns = "cpu-beside-queue";
        ControllableScalerFactory.source("cpu-queue").value(0);
        applyScaledObject(ns, "worker", 1, 1, "cooldownPeriod: 0", CPU + """
                - type: tide-test
                  metadata:
                    source: cpu-queue
                - type: memory
                  metricType: AverageValue
                  metadata:
                    value: 48Mi
                    containerName: worker
                """, REQUESTS);
        ReconcilerTestSupport.awaitCondition(ns, "worker", "Ready", "True");

        CLOCK.advance(Duration.ofMinutes(1));
        awaitReplicas(ns, "worker", 0, WAIT);
        HorizontalPodAutoscaler hpa = CLIENT.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName("keda-hpa-worker").get();
        assertThat(hpa.getSpec().getMetrics()).extracting(m -> m.getType())
                .containsExactly("ContainerResource", "External", "Resource");
        assertThat(ReconcilerTestSupport.scaledObject(ns, "worker").getStatus().getExternalMetricNames()).containsExactly("s1-tide-test-cpu-queue");
        deleteScaledObject(ns, "worker");
    }

    @Test
    void aCpuTriggerWithoutAMetricTypeIsRefusedWithKedasMessage() {
        String ns = "cpu-no-type";
        applyScaledObject(ns, "worker", 1, 1, "minReplicaCount: 1", """
                - type: cpu
                  metadata:
                    value: "60"
                """, REQUESTS);

        ReconcilerTestSupport.awaitCondition(ns, "worker", "Ready", "False");
        assertThat(ReconcilerTestSupport.condition(ns, "worker", "Ready").orElseThrow().message())
                .contains("spec.triggers[0] (cpu).metadata.value: unknown metric type: , allowed values are 'Utilization' or 'AverageValue'");
        deleteScaledObject(ns, "worker");
    }

}
