package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

/**
 * A stored ScaledObject that cannot be read into the model (it pre-dates the schema, or comes from a cluster without
 * one) is contained: every other ScaledObject keeps reconciling.
 */
class MalformedObjectIT extends ReconcilerTestSupport {

    @Test
    void aScaledObjectWithAWronglyTypedFieldDoesNotStopTheOthers() {
        String ns = "malformed";
        GenericKubernetesResource bad = new KubernetesSerialization().unmarshal("""
                {"apiVersion": "keda.sh/v1alpha1", "kind": "ScaledObject",
                 "metadata": {"name": "bad", "namespace": "malformed"},
                 "spec": {"scaleTargetRef": {"name": "app"}, "pollingInterval": "often",
                          "triggers": [{"type": "azure-queue", "metadata": {"queueName": "q"}}]}}
                """, GenericKubernetesResource.class);
        CLIENT.genericKubernetesResources("keda.sh/v1alpha1", "ScaledObject").inNamespace(ns).resource(bad).create();
        apply(ns, appWithConnection(1) + scaledObject("", "", QUEUE_TRIGGER));

        awaitCondition(ns, "so", "Ready", "True");
        var ready = awaitCondition(ns, "bad", "Ready", "False");
        assertThat(ready.message()).isEqualTo("ScaledObject doesn't have a correct specification: the stored spec cannot be read: "
                + "spec.pollingInterval: \"often\" is not a valid Integer");
    }
}
