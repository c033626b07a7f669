package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tide.keda.api.KedaManifests;
import dev.tide.keda.api.ScaledObject;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hello-keda manifests, applied as they are, reconcile to Ready=True and KEDA's HPA: the ones
 * {@code func kubernetes deploy} generates, and the project's own sample in examples/hello-keda/.
 */
class HelloKedaIT extends ReconcilerTestSupport {

    static Stream<Arguments> helloKedaManifests() throws IOException {
        StringBuilder projectSample = new StringBuilder();
        try (Stream<java.nio.file.Path> files = Files.list(KedaManifests.HELLO_KEDA)) {
            for (var file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                projectSample.append(Files.readString(file)).append("\n---\n");
            }
        }
        return Stream.of(
                Arguments.of("func-generated", Files.readString(KedaManifests.FOLDER.resolve("hello-keda.yaml")), 100),
                Arguments.of("examples-hello-keda", projectSample.toString(), 10));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("helloKedaManifests")
    void helloKedaReconcilesToReadyWithTheHpaKedaWouldCreate(String ns, String manifests, int maxReplicas) throws Exception {
        apply(ns, manifests);

        awaitCondition(ns, "hello-keda", "Ready", "True");
        HorizontalPodAutoscaler hpa = awaitHpa(ns, "keda-hpa-hello-keda");

        ScaledObject so = scaledObject(ns, "hello-keda");
        assertThat(so.getMetadata().getFinalizers()).containsExactly("finalizer.keda.sh");
        assertThat(so.getMetadata().getLabels()).containsEntry("scaledobject.keda.sh/name", "hello-keda");
        assertThat(so.getStatus().getScaleTargetKind()).isEqualTo("apps/v1.Deployment");
        assertThat(so.getStatus().getScaleTargetGVKR().resource()).isEqualTo("deployments");
        // The mock API server does not default spec.replicas to 1 as a real one does; /scale then reports 0.
        assertThat(so.getStatus().getOriginalReplicaCount()).isZero();
        assertThat(so.getStatus().getHpaName()).isEqualTo("keda-hpa-hello-keda");
        assertThat(so.getStatus().getExternalMetricNames()).containsExactly("s0-azure-queue-js-queue-items");
        assertThat(so.getStatus().getTriggersTypes()).isEqualTo("azure-queue");
        assertThat(so.getStatus().condition("Ready").orElseThrow().reason()).isEqualTo("ScaledObjectReady");
        assertThat(so.getStatus().condition("Active").orElseThrow().status()).isEqualTo("Unknown");
        assertThat(so.getStatus().condition("Fallback").orElseThrow().reason()).isEqualTo("NoFallbackFound");
        assertThat(so.getStatus().condition("Paused").orElseThrow().status()).isEqualTo("False");

        assertThat(hpa.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getKind()).isEqualTo("ScaledObject");
            assertThat(ref.getUid()).isEqualTo(so.getMetadata().getUid());
            assertThat(ref.getController()).isTrue();
        });
        assertThat(hpa.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/name", "keda-hpa-hello-keda")
                .containsEntry("app.kubernetes.io/part-of", "hello-keda")
                .containsEntry("app.kubernetes.io/managed-by", "keda-operator")
                .containsEntry("scaledobject.keda.sh/name", "hello-keda");
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("hello-keda");
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(1);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(maxReplicas);
        assertThat(hpa.getSpec().getMetrics()).singleElement().satisfies((MetricSpec metric) -> {
            assertThat(metric.getType()).isEqualTo("External");
            assertThat(metric.getExternal().getMetric().getName()).isEqualTo("s0-azure-queue-js-queue-items");
            assertThat(metric.getExternal().getMetric().getSelector().getMatchLabels())
                    .containsExactly(Map.entry("scaledobject.keda.sh/name", "hello-keda"));
            assertThat(metric.getExternal().getTarget().getType()).isEqualTo("AverageValue");
            assertThat(metric.getExternal().getTarget().getAverageValue().toString()).isEqualTo("5");
        });
        assertThat(AZURE_QUEUE.builtIn(ns)).singleElement()
                .satisfies(b -> assertThat(b.config.resolvedEnv().get("AzureWebJobsStorage"))
                        .startsWith("DefaultEndpointsProtocol=https;AccountName="));
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(ns)).extracting(e -> e.getReason())
                .contains("ScaledObjectReady", "KEDAScalersStarted"));
    }
}
