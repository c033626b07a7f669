package dev.tide.controller;

import dev.tide.keda.api.ScaledObject;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** ScaledObjects for unit tests, built from JSON as a user would write them. */
public final class TestObjects {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private TestObjects() {
    }

    /** ScaledObject {@code shop/orders} on Deployment {@code worker} with one azure-queue trigger, plus the extras given. */
    public static ScaledObject scaledObject(String metadata, String spec) {
        return JSON.unmarshal("""
                {"apiVersion": "keda.sh/v1alpha1", "kind": "ScaledObject",
                 "metadata": {"name": "orders", "namespace": "shop", "uid": "u-1" %s},
                 "spec": {"scaleTargetRef": {"name": "worker"},
                          "triggers": [{"type": "azure-queue", "metadata": {"queueName": "orders"}}] %s}}
                """.formatted(metadata, spec), ScaledObject.class);
    }
}
