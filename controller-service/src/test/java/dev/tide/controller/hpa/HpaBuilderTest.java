package dev.tide.controller.hpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.tide.controller.TestObjects.scaledObject;

import dev.tide.keda.api.CheckFailedException;
import dev.tide.keda.api.GroupVersionKindResource;
import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HPA KEDA would write for a ScaledObject ({@code hpa.go}), as a pure function. */
class HpaBuilderTest {

    private static final GroupVersionKindResource DEPLOYMENT = new GroupVersionKindResource("apps", "v1", "Deployment", "deployments");
    private static final MetricSpec QUEUE = new MetricSpec("s0-azure-queue-orders", MetricTargetType.AVERAGE_VALUE, MilliValue.of(2.5));

    @ParameterizedTest(name = "minReplicaCount {0} gives HPA minReplicas {1}")
    @CsvSource({"'', 1", "', \"minReplicaCount\": 0', 1", "', \"minReplicaCount\": 3', 3"})
    void hpaMinimumIsNeverZero(String minField, int expected) {
        var hpa = HpaBuilder.build(scaledObject("", minField), DEPLOYMENT, List.of(QUEUE), "1.0");

        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(expected);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(100);
    }

    @Test
    void hpaCarriesKedasNameLabelsOwnerAndOneExternalMetricPerTrigger() {
        var so = scaledObject(", \"labels\": {\"team\": \"shop\", \"secret-label\": \"x\"}, "
                + "\"annotations\": {\"scaledobject.keda.sh/hpa-excluded-labels\": \"secret-label\"}", "");

        var hpa = HpaBuilder.build(so, DEPLOYMENT, List.of(QUEUE,
                new MetricSpec("s1-kafka-orders", MetricTargetType.VALUE, MilliValue.ofWhole(10))), "1.0");

        assertThat(hpa.getMetadata().getName()).isEqualTo("keda-hpa-orders");
        assertThat(hpa.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "app.kubernetes.io/name", "keda-hpa-orders", "app.kubernetes.io/version", "1.0",
                "app.kubernetes.io/part-of", "orders", "app.kubernetes.io/managed-by", "keda-operator", "team", "shop"));
        assertThat(hpa.getMetadata().getAnnotations()).containsKey("scaledobject.keda.sh/hpa-excluded-labels");
        assertThat(hpa.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getApiVersion()).isEqualTo("keda.sh/v1alpha1");
            assertThat(ref.getController()).isTrue();
            assertThat(ref.getBlockOwnerDeletion()).isTrue();
        });
        assertThat(hpa.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
        var metrics = hpa.getSpec().getMetrics();
        assertThat(metrics).extracting(m -> m.getExternal().getMetric().getName()).containsExactly("s0-azure-queue-orders", "s1-kafka-orders");
        assertThat(metrics.get(0).getExternal().getTarget().getAverageValue().toString()).isEqualTo("2500m");
        assertThat(metrics.get(1).getExternal().getTarget().getValue().toString()).isEqualTo("10");
        assertThat(metrics.get(1).getExternal().getTarget().getAverageValue()).isNull();
        assertThat(metrics).allSatisfy(m -> assertThat(m.getExternal().getMetric().getSelector().getMatchLabels())
                .containsExactly(Map.entry("scaledobject.keda.sh/name", "orders")));
    }

    @Test
    void advancedNameAndBehaviorAreCopiedAndPausedScaleInDisablesScaleDown() {
        var so = scaledObject(", \"annotations\": {\"autoscaling.keda.sh/paused-scale-in\": \"true\"}",
                ", \"advanced\": {\"horizontalPodAutoscalerConfig\": {\"name\": \"custom\", \"behavior\": "
                        + "{\"scaleDown\": {\"stabilizationWindowSeconds\": 60}, \"scaleUp\": {\"selectPolicy\": \"Max\"}}}}");

        var hpa = HpaBuilder.build(so, DEPLOYMENT, List.of(QUEUE), "1.0");

        assertThat(hpa.getMetadata().getName()).isEqualTo("custom");
        assertThat(hpa.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds()).isEqualTo(60);
        assertThat(hpa.getSpec().getBehavior().getScaleDown().getSelectPolicy()).isEqualTo("Disabled");
        assertThat(hpa.getSpec().getBehavior().getScaleUp().getSelectPolicy()).isEqualTo("Max");
        assertThat(so.getSpec().advanced().horizontalPodAutoscalerConfig().behavior().getScaleDown().getSelectPolicy())
                .as("the ScaledObject is not mutated").isNull();
    }

    @Test
    void duplicateMetricNamesAreRefused() {
        assertThatThrownBy(() -> HpaBuilder.build(scaledObject("", ""), DEPLOYMENT, List.of(QUEUE, QUEUE), "1.0"))
                .isInstanceOf(CheckFailedException.class)
                .hasMessage("Failed to ensure HPA is correctly created for ScaledObject: metricName s0-azure-queue-orders defined multiple times");
    }
}
