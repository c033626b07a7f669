package dev.tide.controller.kube;

import dev.tide.keda.api.EventReason;
import dev.tide.keda.api.ScaledObject;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a scale loop reads from and writes to the cluster: the target's replicas, {@code /scale}, the status and
 * events. An interface so the loop machinery can be measured without an API server (benchmarks); the fabric8
 * implementation goes through the one {@link ScaleClient}, {@link StatusWriter} and {@link EventRecorder}.
 */
public interface ClusterAccess {

    int currentReplicas(ScaleClient.Target target);

    void scale(ScaleClient.Target target, int replicas);

    /** Sets the given members of the ScaledObject's status. */
    void patchStatus(ScaledObject scaledObject, List<StatusWriter.Operation> operations);

    void event(ScaledObject scaledObject, EventReason reason, String message);

    /** Every ScaledObject, read fresh (one LIST) when this replica takes the lead. */
    Map<ObjectKey, ScaledObject> scaledObjects();

    /**
     * The fabric8 implementation. ScaledObjects are listed in the watched namespaces only (all when empty), as the
     * RBAC of a namespaced install allows.
     */
    static ClusterAccess of(KubernetesClient client, ScaleClient scaleClient, StatusWriter statusWriter, EventRecorder events,
            Set<String> watchNamespaces) {
        return new ClusterAccess() {
            @Override
            public int currentReplicas(ScaleClient.Target target) {
                return scaleClient.currentReplicas(target);
            }

            @Override
            public void scale(ScaleClient.Target target, int replicas) {
                scaleClient.scale(target, replicas);
            }

            @Override
            public void patchStatus(ScaledObject scaledObject, List<StatusWriter.Operation> operations) {
                statusWriter.patch(scaledObject, operations);
            }

            @Override
            public Map<ObjectKey, ScaledObject> scaledObjects() {
                List<ScaledObject> items = new ArrayList<>();
                if (watchNamespaces.isEmpty()) {
                    items.addAll(client.resources(ScaledObject.class).inAnyNamespace().list().getItems());
                } else {
                    watchNamespaces.forEach(ns -> items.addAll(client.resources(ScaledObject.class).inNamespace(ns).list().getItems()));
                }
                Map<ObjectKey, ScaledObject> all = new HashMap<>();
                for (ScaledObject so : items) {
                    all.put(ObjectKey.of(so), so);
                }
                return all;
            }

            @Override
            public void event(ScaledObject scaledObject, EventReason reason, String message) {
                events.record(scaledObject, reason, message);
            }
        };
    }
}
