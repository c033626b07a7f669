package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tide.keda.api.ScaledObject;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code advanced.scalingModifiers} end to end: the HPA carries the one composite metric, the metrics API serves the
 * formula's value (on a real Kafka broker, and on controllable sources for the fallback and failure cases), activity
 * follows {@code activationTarget}, and a formula that gives no value never scales the workload in.
 */
class ScalingModifiersIT extends ScalingTestSupport {

    @Test
    void twoKafkaTopicsAddedByAFormulaGiveTheHpaOneMetricAndTheReplicasKedaWouldGive() throws Exception {
        String ns = "modifiers-kafka";
        try (TestKafka kafka = TestKafka.start()) {
            kafka.topics("orders-a", "orders-b");
            ReconcilerTestSupport.apply(ns, ReconcilerTestSupport.deployment("orders", 0, "") + """
                    apiVersion: keda.sh/v1alpha1
                    kind: ScaledObject
                    metadata:
                      name: orders
                    spec:
                      scaleTargetRef:
                        name: orders
                      pollingInterval: 1
                      maxReplicaCount: 20
                      advanced:
                        scalingModifiers:
                          formula: "a + b"
                          target: "5"
                      triggers:
                      - type: kafka
                        name: a
                        metadata: {bootstrapServers: "%1$s", consumerGroup: workers, topic: orders-a, lagThreshold: "100"}
                      - type: kafka
                        name: b
                        metadata: {bootstrapServers: "%1$s", consumerGroup: workers, topic: orders-b, lagThreshold: "100"}
                    """.formatted(kafka.bootstrap));
            ReconcilerTestSupport.awaitCondition(ns, "orders", "Ready", "True");

            HorizontalPodAutoscaler hpa = CLIENT.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName("keda-hpa-orders").get();
            assertThat(hpa.getSpec().getMetrics()).singleElement().isEqualTo(new MetricSpecBuilder().withType("External")
                    .withNewExternal().withNewMetric().withName("composite-metric")
                    .withNewSelector().addToMatchLabels("scaledobject.keda.sh/name", "orders").endSelector().endMetric()
                    .withNewTarget().withType("AverageValue").withNewAverageValue("5").endTarget().endExternal().build());
            ScaledObject so = CLIENT.resources(ScaledObject.class).inNamespace(ns).withName("orders").get();
            assertThat(so.getStatus().getCompositeScalerName()).isEqualTo("composite-metric");
            assertThat(so.getStatus().getExternalMetricNames()).containsExactly("s0-kafka-orders-a", "s1-kafka-orders-b");

            kafka.produce("orders-a", 17);
            kafka.produce("orders-b", 13);
            awaitReplicas(ns, "orders", 1, WAIT);
            await().atMost(WAIT).untilAsserted(() -> assertThat(ReconcilerTestSupport.events(ns)).anySatisfy(event -> assertThat(
                    event.getMessage()).startsWith("Scaled ").endsWith(" from 0 to 1, triggered by composite-metric")));

            Response composite = get(metricPath(ns, "orders", "composite-metric"));
            assertThat(composite.status()).isEqualTo(200);
            assertThat(composite.body()).containsEntry("metricName", "composite-metric").containsEntry("fallback", false);
            assertThat(composite.body().get("values")).asList().singleElement()
                    .satisfies(v -> assertThat(((Map<?, ?>) v).get("value")).isEqualTo("30"));
            // The HPA's arithmetic (replica-math's HpaSync, which the sandbox's HPA loop runs) on the served value:
            // from 1, the default scale-up policy allows 5 on the first sync, then 30 / 5 = 6.
            assertThat(hpaReplicas(hpa, "30", 1)).containsExactly(5, 6);
            await().atMost(WAIT).untilAsserted(() -> assertThat((String) get(managementPort, "/actuator/prometheus").body().get("text"))
                    .contains("keda_scaler_metrics_value{metric=\"composite-metric\",namespace=\"" + ns
                            + "\",scaledObject=\"orders\",scaler=\"composite-metric\",triggerIndex=\"0\",type=\"scaledobject\"} 30.0")
                    .contains("keda_scaler_active{metric=\"composite-metric\",namespace=\"" + ns
                            + "\",scaledObject=\"orders\",scaler=\"composite-metric\",triggerIndex=\"0\",type=\"scaledobject\"} 1.0")
                    .contains("keda_scaler_metrics_value{metric=\"s0-kafka-orders-a\",namespace=\"" + ns
                            + "\",scaledObject=\"orders\",scaler=\"a\",triggerIndex=\"0\",type=\"scaledobject\"} 17.0")
                    .doesNotContain("keda_scaler_active{metric=\"s0-kafka-orders-a\""));

            // Gone before its broker is: a scaler left polling a dead broker would log into the other Kafka ITs.
            CLIENT.resources(ScaledObject.class).inNamespace(ns).withName("orders").delete();
            await().atMost(WAIT).until(() -> CLIENT.resources(ScaledObject.class).inNamespace(ns).withName("orders").get() == null);
        }
    }

    @Test
    void aFallbackChainServesTheNextTriggerThenItsLiteralWhenSourcesFail() {
        String ns = "modifiers-chain";
        var primary = ControllableScalerFactory.source("chain-primary").value(16);
        var secondary = ControllableScalerFactory.source("chain-secondary").value(12);
        // Triggers a (primary) and b (secondary): the fallback docs' primary ?? secondary ?? 8.
        applyTwoSources(ns, "a ?? b ?? 8", "2", """
                fallback:
                  failureThreshold: 0
                  replicas: 4
                  behavior: scalingModifiers""", "chain-primary", "chain-secondary");

        awaitComposite(ns, "16", false);
        primary.failing(true);
        awaitComposite(ns, "12", false);
        secondary.failing(true);
        awaitComposite(ns, "8", false);
        assertThat(replicas(ns, "worker")).isEqualTo(1);
        assertThat(conditionReason(ns, "worker", "Ready")).isEqualTo("True/ScaledObjectReady");
        primary.failing(false);
        secondary.failing(false);
        // The sources' circuit breakers stay open (2 s in these tests) after so many failures, then let a read through.
        awaitComposite(ns, "16", false);
    }

    @Test
    void aReplicaFallbackReplacesTheFormulaOnceATriggerPassesItsThreshold() {
        String ns = "modifiers-fallback";
        var a = ControllableScalerFactory.source("fallback-a").value(3);
        ControllableScalerFactory.source("fallback-b").value(2);
        applyTwoSources(ns, "a + b", "2", """
                fallback:
                  failureThreshold: 1
                  replicas: 5""", "fallback-a", "fallback-b");
        awaitComposite(ns, "5", false);

        a.failing(true);
        // The first failed read is below the threshold: the HPA gets KEDA's error for the composite metric.
        await().atMost(WAIT).untilAsserted(() -> {
            Response response = get(metricPath(ns, "worker", "composite-metric"));
            assertThat(response.status()).isEqualTo(503);
            assertThat((String) response.body().get("message"))
                    .startsWith("metric:composite-metric encountered error (trigger[0] (tide-test \"a\"): ");
        });
        // Then target × fallback.replicas = 2 × 5, so the HPA arrives at 5.
        awaitComposite(ns, "10", true);
        assertThat(replicas(ns, "worker")).isEqualTo(1);
    }

    @Test
    void theActivationTargetDecidesActivityAndAFormulaWithoutAValueHoldsTheWorkload() {
        String ns = "modifiers-activation";
        var a = ControllableScalerFactory.source("activation-a").value(2);
        var b = ControllableScalerFactory.source("activation-b").value(1);
        ReconcilerTestSupport.apply(ns, ReconcilerTestSupport.deployment("worker", 0, "") + scaledObject("a / b", "2", """
                cooldownPeriod: 0
                """, "activationTarget: \"2\"", "activation-a", "activation-b"));
        ReconcilerTestSupport.awaitCondition(ns, "worker", "Ready", "True");
        // 2 / 1 = 2 is not above the activation target 2: no activation, though trigger a alone is active.
        await().atMost(WAIT).until(() -> conditionReason(ns, "worker", "Active").equals("False/ScalerNotActive"));
        awaitComposite(ns, "2", false);
        assertThat(replicas(ns, "worker")).isZero();

        a.value(6);
        awaitReplicas(ns, "worker", 1, WAIT);

        b.value(0);
        // 6 / 0 = +Inf: no value for the HPA, an event naming the formula, and no scale-in despite cooldown 0.
        await().atMost(WAIT).untilAsserted(() -> assertThat(ReconcilerTestSupport.events(ns)).anySatisfy(event -> {
            assertThat(event.getReason()).isEqualTo("KEDAScalerFailed");
            assertThat(event.getMessage()).startsWith("spec.advanced.scalingModifiers.formula: scalingModifiers formula returned +Inf");
        }));
        Response response = get(metricPath(ns, "worker", "composite-metric"));
        assertThat(response.status()).isEqualTo(503);
        CLOCK.advance(Duration.ofMinutes(10));
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> replicas(ns, "worker") == 1);
        assertThat(conditionReason(ns, "worker", "Ready")).isEqualTo("False/TriggerError");
    }

    @Test
    void aFormulaOverAMissingTriggerFailsTheHpaStepWithKedasMessage() {
        String ns = "modifiers-invalid";
        ReconcilerTestSupport.apply(ns, ReconcilerTestSupport.deployment("worker", 0, "")
                + scaledObject("a + c", "2", "", "", "invalid-a", "invalid-b"));

        ReconcilerTestSupport.awaitCondition(ns, "worker", "Ready", "False");
        assertThat(ReconcilerTestSupport.condition(ns, "worker", "Ready").orElseThrow().message())
                .isEqualTo("Failed to ensure HPA is correctly created for ScaledObject: error validating formula in ScalingModifiers\n"
                        + "unknown name c (1:11)\n | float(a + c)\n | ..........^");
        assertThat(CLIENT.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName("keda-hpa-worker").get()).isNull();
    }

    /** Deployment {@code worker} at 1 and ScaledObject {@code worker} over two controllable sources named a and b. */
    private static void applyTwoSources(String ns, String formula, String target, String specExtras, String sourceA, String sourceB) {
        ReconcilerTestSupport.apply(ns, ReconcilerTestSupport.deployment("worker", 1, "")
                + scaledObject(formula, target, specExtras, "", sourceA, sourceB));
        ReconcilerTestSupport.awaitCondition(ns, "worker", "Ready", "True");
    }

    private static String scaledObject(String formula, String target, String specExtras, String modifierExtras,
            String sourceA, String sourceB) {
        return """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: worker
                spec:
                  scaleTargetRef:
                    name: worker
                  pollingInterval: 1
                %s
                  advanced:
                    scalingModifiers:
                      formula: "%s"
                      target: "%s"
                %s
                  triggers:
                  - type: tide-test
                    name: a
                    metadata: {source: %s}
                  - type: tide-test
                    name: b
                    metadata: {source: %s}
                """.formatted(specExtras.indent(2).stripTrailing(), formula, target, modifierExtras.indent(6).stripTrailing(),
                sourceA, sourceB);
    }

    private void awaitComposite(String ns, String value, boolean fallback) {
        await().atMost(WAIT).untilAsserted(() -> {
            Response response = get(metricPath(ns, "worker", "composite-metric"));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).containsEntry("fallback", fallback);
            assertThat(response.body().get("values")).asList().singleElement()
                    .satisfies(v -> assertThat(((Map<?, ?>) v).get("value")).isEqualTo(value));
        });
    }
}
