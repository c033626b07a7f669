package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tide.keda.api.ScaledObject;
import org.junit.jupiter.api.Test;

/** The HPA over a ScaledObject's life: updates only on change, renames, adoption, scaler rebuilds, deletion. */
class HpaLifecycleIT extends ReconcilerTestSupport {

    private static String app(String metadataExtras, String specExtras) {
        return appWithConnection(3) + scaledObject(metadataExtras, specExtras, QUEUE_TRIGGER);
    }

    @Test
    void hpaIsWrittenOnlyWhenTheScaledObjectAsksForSomethingNew() {
        String ns = "hpa-update";
        apply(ns, app("", "cooldownPeriod: 300\nmaxReplicaCount: 10"));
        awaitHpa(ns, "keda-hpa-so");
        awaitCondition(ns, "so", "Ready", "True");

        // A new generation that changes nothing in the HPA, then one that does.
        editSpec(ns, "\"cooldownPeriod\":\\d+", "\"cooldownPeriod\":600");
        editSpec(ns, "\"maxReplicaCount\":\\d+", "\"maxReplicaCount\":20");

        await().atMost(WAIT).until(() -> hpa(ns, "keda-hpa-so").getSpec().getMaxReplicas() == 20);
        assertThat(MockCluster.logLines()).filteredOn(line -> line.contains("HPA hpa-update/keda-hpa-so"))
                .containsExactly("created HPA hpa-update/keda-hpa-so for ScaledObject so",
                        "updated HPA hpa-update/keda-hpa-so for ScaledObject so");
        assertThat(AZURE_QUEUE.builtIn(ns))
                .as("new replica bounds do not rebuild the scalers").hasSize(1);
    }

    @Test
    void changingTheTriggerRebuildsItsScalerAndClosesTheOldOne() {
        String ns = "scaler-rebuild";
        apply(ns, app("", ""));
        awaitHpa(ns, "keda-hpa-so");

        editSpec(ns, "\"queueName\":\"orders\"", "\"queueName\":\"invoices\"");

        await().atMost(WAIT).until(() -> hpa(ns, "keda-hpa-so").getSpec().getMetrics().get(0).getExternal().getMetric().getName()
                .equals("s0-azure-queue-invoices"));
        var built = AZURE_QUEUE.builtIn(ns);
        assertThat(built).hasSize(2);
        assertThat(built.get(0).closed).isTrue();
        assertThat(built.get(1).closed).isFalse();
        assertThat(scaledObject(ns, "so").getStatus().getExternalMetricNames()).containsExactly("s0-azure-queue-invoices");
    }

    @Test
    void anHpaDeletedOrEditedBySomeoneElseIsPutBack() {
        String ns = "hpa-owned";
        apply(ns, app("", "maxReplicaCount: 8"));
        awaitHpa(ns, "keda-hpa-so");

        CLIENT.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName("keda-hpa-so")
                .edit(h -> {
                    h.getSpec().setMaxReplicas(1000);
                    return h;
                });
        await().atMost(WAIT).until(() -> hpa(ns, "keda-hpa-so").getSpec().getMaxReplicas() == 8);

        CLIENT.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName("keda-hpa-so").delete();
        await().atMost(WAIT).until(() -> hpa(ns, "keda-hpa-so") != null && hpa(ns, "keda-hpa-so").getSpec().getMaxReplicas() == 8);
    }

    @Test
    void renamingTheHpaDeletesTheOldOne() {
        String ns = "hpa-rename";
        apply(ns, app("", ""));
        awaitHpa(ns, "keda-hpa-so");

        editSpec(ns, "\"spec\":\\{", "\"spec\":{\"advanced\":{\"horizontalPodAutoscalerConfig\":{\"name\":\"orders-hpa\"}},");

        awaitHpa(ns, "orders-hpa");
        await().atMost(WAIT).until(() -> hpa(ns, "keda-hpa-so") == null);
        await().atMost(WAIT).until(() -> "orders-hpa".equals(scaledObject(ns, "so").getStatus().getHpaName()));
        assertThat(hpa(ns, "orders-hpa").getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "orders-hpa");
    }

    @Test
    void anExistingHpaIsAdoptedWithTheTransferAnnotation() {
        String ns = "hpa-transfer";
        apply(ns, """
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata:
                  name: legacy-hpa
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: app}
                  minReplicas: 2
                  maxReplicas: 7
                ---
                """ + app("annotations:\n  scaledobject.keda.sh/transfer-hpa-ownership: \"true\"",
                "advanced:\n  horizontalPodAutoscalerConfig:\n    name: legacy-hpa\n  restoreToOriginalReplicaCount: true\nminReplicaCount: 1\nmaxReplicaCount: 9"));

        awaitCondition(ns, "so", "Ready", "True");

        var hpa = hpa(ns, "legacy-hpa");
        assertThat(hpa.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(ref -> assertThat(ref.getUid()).isEqualTo(scaledObject(ns, "so").getMetadata().getUid()));
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(9);
        assertThat(hpa.getSpec().getMetrics()).hasSize(1);
    }

    @Test
    void deletingWithRestoreToOriginalReplicaCountPutsTheTargetBack() {
        String ns = "delete-restore";
        apply(ns, app("annotations:\n  autoscaling.keda.sh/paused-replicas: \"7\"", "advanced:\n  restoreToOriginalReplicaCount: true"));
        await().atMost(WAIT).until(() -> replicas(ns, "app") == 7);
        assertThat(scaledObject(ns, "so").getStatus().getOriginalReplicaCount()).isEqualTo(3);

        CLIENT.resources(ScaledObject.class).inNamespace(ns).withName("so").delete();

        await().atMost(WAIT).until(() -> scaledObject(ns, "so") == null);
        assertThat(replicas(ns, "app")).isEqualTo(3);
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(ns))
                .anySatisfy(e -> {
                    assertThat(e.getReason()).isEqualTo("ScaledObjectDeleted");
                    assertThat(e.getType()).isEqualTo("Warning");
                }));
    }

    @Test
    void deletingWithoutRestoreLeavesTheReplicasAndClosesTheScalers() {
        String ns = "delete-keep";
        apply(ns, app("", ""));
        awaitHpa(ns, "keda-hpa-so");
        CLIENT.apps().deployments().inNamespace(ns).withName("app").scale(5);

        CLIENT.resources(ScaledObject.class).inNamespace(ns).withName("so").delete();

        await().atMost(WAIT).until(() -> scaledObject(ns, "so") == null);
        assertThat(replicas(ns, "app")).isEqualTo(5);
        assertThat(AZURE_QUEUE.builtIn(ns)).allMatch(b -> b.closed);
    }

    /** Edits the ScaledObject's JSON with a regular expression; a spec change bumps the generation. */
    private static void editSpec(String ns, String regex, String replacement) {
        CLIENT.resources(ScaledObject.class).inNamespace(ns).withName("so").edit(so -> {
            var json = CLIENT.getKubernetesSerialization().asJson(so).replaceAll(regex, replacement);
            return CLIENT.getKubernetesSerialization().unmarshal(json, ScaledObject.class);
        });
    }
}
