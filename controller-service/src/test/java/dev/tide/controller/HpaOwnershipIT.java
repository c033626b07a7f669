package dev.tide.controller;

import static dev.tide.controller.ObjectEdits.editHpa;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whose HPA the controller may take over, and what it leaves of one: an HPA left by an earlier ScaledObject of the
 * same name (deleted before the garbage collector removed its HPA) is adopted as KEDA does; any other HPA under the
 * name is refused without the transfer annotation; labels end up exactly KEDA's.
 */
class HpaOwnershipIT extends ReconcilerTestSupport {

    private static final String APP = app("");

    /** Deployment {@code app} and ScaledObject {@code so} with label {@code team: shop} and the extra metadata given. */
    private static String app(String metadataExtras) {
        return appWithConnection(1) + scaledObject(metadataExtras + "labels:\n  team: shop", "", QUEUE_TRIGGER);
    }

    /** HPA {@code keda-hpa-so} with a hand-added label, controlled (or only owned) by the given object. */
    private static String hpaOwnedBy(String apiVersion, String kind, String name, boolean controller) {
        return """
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata:
                  name: keda-hpa-so
                  labels:
                    added-by-hand: "true"
                  ownerReferences:
                  - {apiVersion: %s, kind: %s, name: %s, uid: 0c0ffee0-dead-4bad-beef-000000000000, controller: %s}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: app}
                  maxReplicas: 3
                ---
                """.formatted(apiVersion, kind, name, controller);
    }

    @Test
    void anHpaLeftByAnEarlierScaledObjectOfTheSameNameIsAdoptedAndRewritten() {
        String ns = "own-leftover";
        apply(ns, hpaOwnedBy("keda.sh/v1alpha1", "ScaledObject", "so", true) + APP);

        awaitCondition(ns, "so", "Ready", "True");

        var hpa = hpa(ns, "keda-hpa-so");
        assertThat(hpa.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getUid()).isEqualTo(scaledObject(ns, "so").getMetadata().getUid());
            assertThat(ref.getController()).isTrue();
        });
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(100);
        assertThat(hpa.getSpec().getMetrics()).hasSize(1);
        assertThat(hpa.getMetadata().getLabels()).doesNotContainKey("added-by-hand").containsEntry("team", "shop");
        assertThat(MockCluster.logLines()).contains("adopted HPA own-leftover/keda-hpa-so for ScaledObject so");
    }

    @Test
    void anHpaLeftByAnEarlierScaledObjectIsDeletedWhenTheNewOneIsPaused() {
        String ns = "own-leftover-paused";
        apply(ns, hpaOwnedBy("keda.sh/v1alpha1", "ScaledObject", "so", true)
                + app("annotations:\n  autoscaling.keda.sh/paused: \"true\"\n"));

        awaitCondition(ns, "so", "Paused", "True");

        await().atMost(WAIT).until(() -> hpa(ns, "keda-hpa-so") == null);
    }

    /** An owner that does not make the HPA this ScaledObject's. */
    record ForeignOwner(String description, String namespace, String apiVersion, String kind, String name, boolean controller) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<ForeignOwner> foreignOwners() {
        return Stream.of(
                new ForeignOwner("a ScaledObject of another name", "own-other-name", "keda.sh/v1alpha1", "ScaledObject", "other", true),
                new ForeignOwner("another kind of the same name", "own-other-kind", "apps/v1", "Deployment", "so", true),
                new ForeignOwner("another API group's ScaledObject of the same name", "own-other-group", "example.com/v1", "ScaledObject", "so", true),
                new ForeignOwner("a ScaledObject of the same name that is not its controller", "own-not-controller", "keda.sh/v1alpha1", "ScaledObject", "so",
                        false));
    }

    @ParameterizedTest(name = "HPA controlled by {0}")
    @MethodSource("foreignOwners")
    void anHpaOfSomeoneElseIsStillRefusedWithoutTheTransferAnnotation(ForeignOwner owner) {
        String ns = owner.namespace();
        apply(ns, hpaOwnedBy(owner.apiVersion(), owner.kind(), owner.name(), owner.controller()) + APP);

        var ready = awaitCondition(ns, "so", "Ready", "False");

        assertThat(ready.message()).contains("HorizontalPodAutoscaler " + ns + "/keda-hpa-so exists and is not owned by this ScaledObject");
        assertThat(hpa(ns, "keda-hpa-so").getSpec().getMaxReplicas()).isEqualTo(3);
    }

    @Test
    void aLabelAddedToTheHpaByHandIsRemovedAndTheScaledObjectsLabelsStay() {
        String ns = "own-hand-label";
        apply(ns, APP);
        Map<String, String> labels = awaitHpa(ns, "keda-hpa-so").getMetadata().getLabels();
        assertThat(labels).containsEntry("team", "shop").containsEntry("app.kubernetes.io/managed-by", "keda-operator");

        editHpa(ns, "keda-hpa-so", h -> {
            h.getMetadata().getLabels().put("added-by-hand", "true");
            return h;
        });

        await().atMost(WAIT).until(() -> hpa(ns, "keda-hpa-so").getMetadata().getLabels().equals(labels));
    }
}
