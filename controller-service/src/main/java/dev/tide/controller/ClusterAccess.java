package dev.tide.controller;

import dev.tide.controller.crd.ScaledObject;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;

/**
 * What a scale loop reads from and writes to the cluster: the target's replicas, {@code /scale}, the status and
 * events. An interface so the loop machinery can be measured without an API server (benchmarks).
 */
interface ClusterAccess {

    int currentReplicas(ScaleTargets.Target target);

    void scale(ScaleTargets.Target target, int replicas);

    /** Applies a JSON patch to the ScaledObject's status subresource. */
    void patchStatus(ScaledObject scaledObject, String jsonPatch);

    void event(ScaledObject scaledObject, String type, String reason, String message);

    /** Every ScaledObject by {@link ScalerCache#key}, read fresh (one LIST) when this replica takes the lead. */
    Map<String, ScaledObject> scaledObjects();

    /**
     * The fabric8 implementation: {@code /scale} through the generic client, events through {@link EventRecorder}.
     * ScaledObjects are listed in the watched namespaces only (all when empty), as the RBAC of a namespaced install
     * allows.
     */
    static ClusterAccess of(KubernetesClient client, EventRecorder events, Set<String> watchNamespaces) {
        return new ClusterAccess() {
            @Override
            public int currentReplicas(ScaleTargets.Target target) {
                Scale scale = client.genericKubernetesResources(target.context()).inNamespace(target.namespace())
                        .withName(target.name()).scale();
                Integer replicas = scale == null || scale.getSpec() == null ? null : scale.getSpec().getReplicas();
                return replicas == null ? 0 : replicas;
            }

            @Override
            public void scale(ScaleTargets.Target target, int replicas) {
                client.genericKubernetesResources(target.context()).inNamespace(target.namespace())
                        .withName(target.name()).scale(replicas);
            }

            @Override
            public void patchStatus(ScaledObject scaledObject, String jsonPatch) {
                client.resources(ScaledObject.class).inNamespace(scaledObject.getMetadata().getNamespace())
                        .withName(scaledObject.getMetadata().getName())
                        .subresource("status")
                        .patch(PatchContext.of(PatchType.JSON), jsonPatch);
            }

            @Override
            public Map<String, ScaledObject> scaledObjects() {
                Map<String, ScaledObject> all = new HashMap<>();
                List<ScaledObject> items = new ArrayList<>();
                if (watchNamespaces.isEmpty()) {
                    items.addAll(client.resources(ScaledObject.class).inAnyNamespace().list().getItems());
                } else {
                    watchNamespaces.forEach(ns -> items.addAll(client.resources(ScaledObject.class).inNamespace(ns).list().getItems()));
                }
                for (ScaledObject so : items) {
                    all.put(ScalerCache.key(so.getMetadata().getNamespace(), so.getMetadata().getName()), so);
                }
                return all;
            }

            @Override
            public void event(ScaledObject scaledObject, String type, String reason, String message) {
                if (EventReason.WARNING.equals(type)) {
                    events.warning(scaledObject, reason, message);
                } else {
                    events.normal(scaledObject, reason, message);
                }
            }
        };
    }
}
