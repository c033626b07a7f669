package dev.tide.controller.hpa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tide.keda.api.Annotations;
import dev.tide.keda.api.CheckFailedException;
import dev.tide.keda.api.KedaApi;
import dev.tide.keda.api.ScaledObject;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Creates, updates, adopts, renames and deletes the HPA of a ScaledObject, writing only when something changed
 * (KEDA's {@code updateHPAIfNeeded}: the spec compared as a deep derivative, so fields the API server defaults do
 * not cause endless updates; labels and annotations must equal KEDA's exactly, so ones added by hand are removed).
 */
public class HpaSync {

    /** What {@link #ensure} did. */
    public enum Outcome {
        CREATED, UPDATED, ADOPTED, UNCHANGED
    }

    /**
     * The informer of the HPAs Tide manages (the reconciler's, labelled {@code app.kubernetes.io/managed-by}), so that
     * a reconcile reads no HPA from the API server. It tells the informer of each write, so that the next reconcile
     * does not see the copy from before it.
     */
    public interface Cache {
        Optional<HorizontalPodAutoscaler> get(String namespace, String name);

        void created(HorizontalPodAutoscaler created);

        void updated(HorizontalPodAutoscaler updated, HorizontalPodAutoscaler previous);
    }

    private final KubernetesClient client;
    private volatile Cache cache;

    /** Reads go to the API server until {@link #readFrom} names the informer. */
    public HpaSync(KubernetesClient client) {
        this.client = client;
    }

    /** HPAs are read from {@code cache} from now on. */
    public void readFrom(Cache cache) {
        this.cache = cache;
    }

    /**
     * Makes the cluster hold {@code desired}. When {@code previousName} names another HPA of this ScaledObject (the
     * advanced name changed), that one is deleted first.
     */
    public Outcome ensure(ScaledObject scaledObject, HorizontalPodAutoscaler desired, String previousName) {
        String namespace = desired.getMetadata().getNamespace();
        String name = desired.getMetadata().getName();
        if (previousName != null && !previousName.isEmpty() && !previousName.equals(name)) {
            deleteIfOwned(scaledObject, previousName);
        }
        Cache informed = cache;
        if (informed == null) {
            return write(scaledObject, desired, direct(namespace, name), null);
        }
        HorizontalPodAutoscaler cached = informed.get(namespace, name).orElse(null);
        try {
            return write(scaledObject, desired, cached, informed);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT && e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
            // The informer does not hold this HPA (a foreign one carries no managed-by label) or is behind a change
            // made a moment ago: the API server's copy decides.
            return write(scaledObject, desired, direct(namespace, name), informed);
        }
    }

    private Outcome write(ScaledObject scaledObject, HorizontalPodAutoscaler desired, HorizontalPodAutoscaler existing,
            Cache informed) {
        String namespace = desired.getMetadata().getNamespace();
        String name = desired.getMetadata().getName();
        if (existing == null) {
            HorizontalPodAutoscaler created = hpas(namespace).resource(desired).create();
            if (informed != null) {
                informed.created(created);
            }
            return Outcome.CREATED;
        }
        Ownership ownership = ownership(existing, scaledObject);
        if (ownership == Ownership.FOREIGN && !Annotations.bool(scaledObject, KedaApi.TRANSFER_HPA_OWNERSHIP)) {
            throw new CheckFailedException(CheckFailedException.HPA, "HorizontalPodAutoscaler " + namespace + "/" + name
                    + " exists and is not owned by this ScaledObject; annotate the ScaledObject with "
                    + KedaApi.TRANSFER_HPA_OWNERSHIP + ": \"true\" to adopt it");
        }
        if (ownership == Ownership.OWNED && !changed(existing, desired)) {
            return Outcome.UNCHANGED;
        }
        // Labels, annotations and owner references are KEDA's exactly: anything added by hand goes.
        HorizontalPodAutoscaler updated = new HorizontalPodAutoscalerBuilder(existing)
                .editMetadata()
                .withLabels(desired.getMetadata().getLabels())
                .withAnnotations(desired.getMetadata().getAnnotations())
                .withOwnerReferences(desired.getMetadata().getOwnerReferences())
                .endMetadata()
                .withSpec(desired.getSpec())
                .build();
        HorizontalPodAutoscaler written = hpas(namespace).resource(updated).update();
        if (informed != null) {
            informed.updated(written, existing);
        }
        return ownership == Ownership.OWNED ? Outcome.UPDATED : Outcome.ADOPTED;
    }

    /**
     * Deletes the named HPA when this ScaledObject controls it (or an earlier ScaledObject of its name did); a foreign
     * HPA is left alone. True when deleted.
     */
    public boolean deleteIfOwned(ScaledObject scaledObject, String name) {
        String namespace = scaledObject.getMetadata().getNamespace();
        Cache informed = cache;
        // Not in the informer: absent, or without the managed-by label (a foreign HPA, or one left by an earlier
        // ScaledObject and stripped of it), so the API server's copy decides. Only pause, rename and deletion get here.
        HorizontalPodAutoscaler existing = informed == null ? null : informed.get(namespace, name).orElse(null);
        if (existing == null) {
            existing = direct(namespace, name);
        }
        if (existing != null && ownership(existing, scaledObject) != Ownership.FOREIGN) {
            hpas(namespace).withName(name).delete();
            return true;
        }
        return false;
    }

    /** Whose an existing HPA is, seen from {@code scaledObject}. */
    enum Ownership {
        /** Its controller reference is this ScaledObject (same uid). */
        OWNED,
        /**
         * Its controller reference is a ScaledObject of the same name with another uid: one deleted and created again
         * before the garbage collector removed its HPA. KEDA adopts it, and so does Tide.
         */
        LEFTOVER,
        /** No controller reference, or one to anything else. */
        FOREIGN
    }

    static Ownership ownership(HasMetadata object, ScaledObject scaledObject) {
        OwnerReference controller = object.getMetadata().getOwnerReferences() == null ? null
                : object.getMetadata().getOwnerReferences().stream()
                        .filter(ref -> Boolean.TRUE.equals(ref.getController())).findFirst().orElse(null);
        if (controller == null) {
            return Ownership.FOREIGN;
        }
        if (Objects.equals(controller.getUid(), scaledObject.getMetadata().getUid())) {
            return Ownership.OWNED;
        }
        boolean sameName = KedaApi.SCALED_OBJECT_KIND.equals(controller.getKind())
                && KedaApi.API_VERSION.equals(controller.getApiVersion())
                && Objects.equals(controller.getName(), scaledObject.getMetadata().getName());
        return sameName ? Ownership.LEFTOVER : Ownership.FOREIGN;
    }

    private boolean changed(HorizontalPodAutoscaler existing, HorizontalPodAutoscaler desired) {
        var serialization = client.getKubernetesSerialization();
        JsonNode desiredSpec = serialization.convertValue(desired.getSpec(), JsonNode.class);
        JsonNode existingSpec = serialization.convertValue(existing.getSpec(), JsonNode.class);
        return !isDerivative(desiredSpec, existingSpec)
                || !Objects.equals(emptyIfNull(existing.getMetadata().getLabels()), emptyIfNull(desired.getMetadata().getLabels()))
                || !Objects.equals(emptyIfNull(existing.getMetadata().getAnnotations()), emptyIfNull(desired.getMetadata().getAnnotations()))
                || !ownerReferencesContain(existing, desired.getMetadata().getOwnerReferences().get(0));
    }

    /**
     * Kubernetes' {@code DeepDerivative}: every field set in {@code desired} equals the one in {@code actual};
     * fields {@code desired} leaves unset (null, empty list or map) are ignored.
     */
    static boolean isDerivative(JsonNode desired, JsonNode actual) {
        if (desired == null || desired.isNull() || desired.isMissingNode() || (desired.isContainerNode() && desired.isEmpty())) {
            return true;
        }
        if (actual == null || actual.isNull() || actual.isMissingNode()) {
            return false;
        }
        if (desired.isObject()) {
            if (!actual.isObject()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext(); ) {
                var field = it.next();
                if (!isDerivative(field.getValue(), actual.get(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (desired.isArray()) {
            if (!actual.isArray() || actual.size() != desired.size()) {
                return false;
            }
            for (int i = 0; i < desired.size(); i++) {
                if (!isDerivative(desired.get(i), actual.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (desired.isNumber() && actual.isNumber()) {
            return desired.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return desired.asText().equals(actual.asText());
    }

    private static boolean ownerReferencesContain(HasMetadata object, OwnerReference reference) {
        return object.getMetadata().getOwnerReferences() != null && object.getMetadata().getOwnerReferences().stream()
                .anyMatch(ref -> Objects.equals(ref.getUid(), reference.getUid()) && Boolean.TRUE.equals(ref.getController()));
    }

    private static Map<String, String> emptyIfNull(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    private HorizontalPodAutoscaler direct(String namespace, String name) {
        return hpas(namespace).withName(name).get();
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<HorizontalPodAutoscaler,
            io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerList,
            io.fabric8.kubernetes.client.dsl.Resource<HorizontalPodAutoscaler>> hpas(String namespace) {
        return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace);
    }
}
