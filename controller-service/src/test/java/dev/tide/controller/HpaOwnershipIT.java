package dev.tide.controller;

import static dev.tide.controller.ObjectEdits.editHpa;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the controller leaves of an HPA it manages: labels end up exactly KEDA's. */
class HpaOwnershipIT extends ReconcilerTestSupport {

    private static final String APP = app("");

    /** Deployment {@code app} and ScaledObject {@code so} with label {@code team: shop} and the extra metadata given. */
    private static String app(String metadataExtras) {
        return appWithConnection(1) + scaledObject(metadataExtras + "labels:\n  team: shop", "", QUEUE_TRIGGER);
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
