package dev.tide.controller;

import static dev.tide.controller.ObjectEdits.editScaledObject;
import static dev.tide.controller.ObjectEdits.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tide.keda.api.Condition;
import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.ScaledObjectStatus.HealthStatus;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * KEDA's {@code controllers/keda/hpa_test.go}, one row per KEDA case (its name is the display name), through
 * Kubernetes objects only: where KEDA mocks a scaler, the careless stand-in reports the metric specs KEDA's mock
 * returns ({@link StubMetricSpecsScalerFactory}).
 */
class KedaHpaParityIT extends ReconcilerTestSupport {

    private static final HealthStatus FAILING_87 = new HealthStatus(87, "Failing");
    private static final String METRIC = "s0-azure-queue-orders";

    /** A ScaledObject whose status.health held {@code written}; after the next reconcile it holds {@code kept}. */
    record HealthCase(String kedaName, String namespace, Map<String, HealthStatus> written, Map<String, HealthStatus> kept) {
        @Override
        public String toString() {
            return kedaName;
        }
    }

    static Stream<HealthCase> healthCases() {
        return Stream.of(
                new HealthCase("should remove deleted metric from health status", "keda-health-removed",
                        Map.of("another metric name", FAILING_87), Map.of()),
                new HealthCase("should not remove existing metric from health status", "keda-health-kept",
                        Map.of("another metric name", FAILING_87, METRIC, FAILING_87), Map.of(METRIC, FAILING_87)));
    }

    /**
     * KEDA keeps {@code health} entries of current metrics whether or not a fallback is set; Tide keeps health only
     * while a fallback needs it (docs/compatibility.md), so these ScaledObjects have one.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("healthCases")
    void healthKeepsOnlyTheMetricsTheScaledObjectHasNow(HealthCase c) {
        String ns = c.namespace();
        apply(ns, appWithConnection(1) + scaledObject("", "fallback:\n  failureThreshold: 3\n  replicas: 2", QUEUE_TRIGGER));
        awaitCondition(ns, "so", "Ready", "True");
        // The reconciler may still be writing the status it settled on: a conflicting edit is tried again.
        ScaledObject written = await().atMost(WAIT).ignoreExceptionsInstanceOf(KubernetesClientException.class)
                .until(() -> CLIENT.resources(ScaledObject.class).inNamespace(ns).withName("so").editStatus(so -> {
                    so.getStatus().setHealth(c.written());
                    return so;
                }), so -> so != null);
        assertThat(written.getStatus().getHealth()).isEqualTo(c.written());

        // A new generation: the reconcile that computes the metric specs again.
        editScaledObject(ns, "so", node -> object(node, "spec").put("pollingInterval", 15));

        await().atMost(WAIT).untilAsserted(() -> {
            var health = scaledObject(ns, "so").getStatus().getHealth();
            assertThat(health == null ? Map.of() : health).isEqualTo(c.kept());
        });
    }

    /** Scalers that report {@code specs} (see {@link StubMetricSpecsScalerFactory}); Ready=False saying {@code message}. */
    record EmptySpecsCase(String kedaName, String namespace, String specs, String message) {
        @Override
        public String toString() {
            return kedaName;
        }
    }

    static Stream<EmptySpecsCase> emptySpecsCases() {
        return Stream.of(
                new EmptySpecsCase("should return error when scalers return empty metric specs", "keda-empty-specs", "none",
                        "Failed to ensure HPA is correctly created for ScaledObject: no metric specs returned from scalers"
                                + " for ScaledObject keda-empty-specs/so"),
                new EmptySpecsCase("should return error when scalers return nil metric specs", "keda-nil-specs", "null",
                        "Failed to ensure HPA is correctly created for ScaledObject: no metric specs returned from scalers"
                                + " for ScaledObject keda-nil-specs/so"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("emptySpecsCases")
    void scalersWithoutMetricSpecsLeaveTheScaledObjectNotReadyAndWithoutHpa(EmptySpecsCase c) {
        String ns = c.namespace();
        apply(ns, deployment("app", 1, "") + scaledObject("", "", """
                - type: careless-queue
                  metadata:
                    connection: c
                    stubMetricSpecs: "%s"
                """.formatted(c.specs())));

        Condition ready = awaitCondition(ns, "so", "Ready", "False");

        assertThat(ready.reason()).isEqualTo("ScaledObjectCheckFailed");
        assertThat(ready.message()).contains(c.message());
        assertThat(hpa(ns, "keda-hpa-so")).isNull();
        assertThat(scaledObject(ns, "so").getStatus().getExternalMetricNames()).isNullOrEmpty();
    }
}
