package dev.tide.controller.reconcile;

import dev.tide.controller.kube.EventRecorder;
import dev.tide.controller.kube.ObjectKey;
import dev.tide.controller.kube.ScaleClient;
import dev.tide.controller.kube.TriggerAuthenticationUsers;
import dev.tide.controller.scaling.ScaleLoops;
import dev.tide.controller.sources.ScalerCache;
import dev.tide.keda.api.EventReason;
import dev.tide.keda.api.KedaApi;
import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.ScaledObjectStatus;
import dev.tide.keda.api.SpecValidator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KEDA's finalizer {@code finalizer.keda.sh} and what deletion does ({@code scaledobject_finalizer.go}): stop the loop
 * and the scalers, put the target back to its original replica count if asked to, tell the user. The Java Operator
 * SDK only accepts qualified finalizer names ({@code domain/name}), so the reconciler adds and removes KEDA's itself.
 */
final class Finalization {

    private static final Logger log = LoggerFactory.getLogger(Finalization.class);

    private final KubernetesClient client;
    private final ScaleClient scaleClient;
    private final EventRecorder events;
    private final TriggerAuthenticationUsers authenticationUsers;
    private final ScaleLoops loops;
    private final ScalerCache scalers;

    Finalization(ScaledObjectReconciler.Collaborators collaborators, ScalerCache scalers) {
        this.client = collaborators.client();
        this.scaleClient = collaborators.scaleClient();
        this.events = collaborators.events();
        this.authenticationUsers = collaborators.authenticationUsers();
        this.loops = collaborators.loops();
        this.scalers = scalers;
    }

    static boolean hasFinalizer(HasMetadata object) {
        List<String> finalizers = object.getMetadata().getFinalizers();
        return finalizers != null && finalizers.contains(KedaApi.FINALIZER);
    }

    void editFinalizers(ScaledObject scaledObject, boolean add) {
        editFinalizers(client, scaledObject, add);
    }

    /** Adds or removes KEDA's finalizer on a ScaledObject or a ScaledJob. */
    @SuppressWarnings("unchecked")
    static void editFinalizers(KubernetesClient client, HasMetadata object, boolean add) {
        client.resources((Class<HasMetadata>) object.getClass()).inNamespace(object.getMetadata().getNamespace())
                .withName(object.getMetadata().getName())
                .edit(current -> {
                    // fabric8's addFinalizer rejects names without a slash, such as KEDA's.
                    List<String> finalizers = new ArrayList<>(current.getMetadata().getFinalizers() == null
                            ? List.of() : current.getMetadata().getFinalizers());
                    finalizers.remove(KedaApi.FINALIZER);
                    if (add) {
                        finalizers.add(KedaApi.FINALIZER);
                    }
                    current.getMetadata().setFinalizers(finalizers);
                    return current;
                });
    }

    /** KEDA's {@code finalizeScaledObject}: drop the scalers, put the target back if asked to, tell the user. */
    void finalizeScaledObject(ScaledObject scaledObject) {
        String name = scaledObject.getMetadata().getName();
        ObjectKey key = ObjectKey.of(scaledObject);
        loops.unregister(key);
        if (scalers.remove(key)) {
            events.record(scaledObject, EventReason.SCALERS_STOPPED, "Stopped scalers watch");
        }
        ScaledObjectStatus status = scaledObject.getStatus();
        if (scaledObject.getSpec() != null && scaledObject.getSpec().restoreToOriginalReplicaCount() && status != null
                && status.getScaleTargetGVKR() != null && status.getOriginalReplicaCount() != null) {
            restore(scaledObject, status);
        }
        authenticationUsers.unregister(scaledObject);
        events.record(scaledObject, EventReason.SCALED_OBJECT_DELETED, "ScaledObject was deleted");
        log.debug("Finalized ScaledObject {}", name);
    }

    private void restore(ScaledObject scaledObject, ScaledObjectStatus status) {
        String name = scaledObject.getMetadata().getName();
        var problems = SpecValidator.problems(scaledObject.getSpec());
        if (problems.stream().anyMatch(p -> p.field().startsWith("spec.scaleTargetRef"))) {
            // No API path is built from a name that fails the checks, not even on the way out.
            log.warn("Not restoring the target of ScaledObject {}: {}", key(scaledObject), problems.get(0));
            return;
        }
        var target = new ScaleClient.Target(status.getScaleTargetGVKR(), scaledObject.getMetadata().getNamespace(),
                scaledObject.getSpec().scaleTargetRef().name());
        try {
            scaleClient.scale(target, status.getOriginalReplicaCount());
            log.info("Restored {} to its original {} replicas after ScaledObject {} was deleted",
                    target.describe(), status.getOriginalReplicaCount(), name);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
            log.info("{} is gone; nothing to restore for ScaledObject {}", target.describe(), name);
        }
    }

    private static ObjectKey key(ScaledObject scaledObject) {
        return ObjectKey.of(scaledObject);
    }
}
