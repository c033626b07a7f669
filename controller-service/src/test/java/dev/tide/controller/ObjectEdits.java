package dev.tide.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tide.keda.api.ScaledObject;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Edits to objects on the mock API server as a user would make them with {@code kubectl edit}: the ScaledObject as
 * JSON (its spec types are records), the HPA as fabric8's model.
 */
final class ObjectEdits {

    private static final KubernetesClient CLIENT = MockCluster.CLIENT;

    private ObjectEdits() {
    }

    /** Edits ScaledObject {@code name} in {@code namespace} as JSON; a spec change bumps the generation. */
    static void editScaledObject(String namespace, String name, Consumer<ObjectNode> edit) {
        var json = CLIENT.getKubernetesSerialization();
        CLIENT.resources(ScaledObject.class).inNamespace(namespace).withName(name).edit(so -> {
            ObjectNode node = json.convertValue(so, ObjectNode.class);
            edit.accept(node);
            return json.convertValue(node, ScaledObject.class);
        });
    }

    /** The object at {@code path} below {@code node}, created when missing. */
    static ObjectNode object(ObjectNode node, String... path) {
        ObjectNode at = node;
        for (String key : path) {
            at = at.has(key) && at.get(key).isObject() ? (ObjectNode) at.get(key) : at.putObject(key);
        }
        return at;
    }

    static void editHpa(String namespace, String name, UnaryOperator<HorizontalPodAutoscaler> edit) {
        CLIENT.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).withName(name).edit(edit);
    }
}
