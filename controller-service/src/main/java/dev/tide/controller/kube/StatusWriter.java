package dev.tide.controller.kube;

import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.ScaledObjectStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one writer of ScaledObject status: JSON patches of the status subresource. The reconciler replaces the whole
 * status; the scale loops patch only the members they own. A JSON patch rather than a merge patch, because a merge
 * patch leaves removed fields behind unless they are sent as null, and the mock API server merges lists in merge
 * patches instead of replacing them.
 */
public final class StatusWriter {

    private final KubernetesClient client;

    public StatusWriter(KubernetesClient client) {
        this.client = client;
    }

    /** One operation of a JSON patch: {@code add} (which also replaces) or {@code remove}. */
    public record Operation(String op, String path, Object value) {

        public static Operation set(String path, Object value) {
            return new Operation("add", path, value);
        }

        public static Operation remove(String path) {
            return new Operation("remove", path, null);
        }
    }

    /** Replaces the whole status (one {@code add /status}, which replaces the member). */
    public void replace(ScaledObject scaledObject, ScaledObjectStatus status) {
        patch(scaledObject, List.of(Operation.set("/status", status)));
    }

    /**
     * Writes only the top-level members of the status that differ from {@code before}, so that members another
     * writer changed meanwhile (the scale loop's lastActiveTime, health, triggersActivity) are not put back; the
     * whole status when there was none.
     */
    @SuppressWarnings("unchecked")
    public void update(ScaledObject scaledObject, ScaledObjectStatus before, ScaledObjectStatus after) {
        var serialization = client.getKubernetesSerialization();
        Map<String, Object> was = before == null ? Map.of() : serialization.convertValue(before, Map.class);
        Map<String, Object> now = serialization.convertValue(after, Map.class);
        if (was.isEmpty()) {
            replace(scaledObject, after);
            return;
        }
        List<Operation> operations = new ArrayList<>();
        now.forEach((member, value) -> {
            if (!Objects.equals(value, was.get(member))) {
                operations.add(Operation.set("/status/" + member, value));
            }
        });
        was.keySet().stream().filter(member -> !now.containsKey(member))
                .forEach(member -> operations.add(Operation.remove("/status/" + member)));
        if (!operations.isEmpty()) {
            patch(scaledObject, operations);
        }
    }

    /** Sets the given status members. */
    public void patch(ScaledObject scaledObject, List<Operation> operations) {
        List<Map<String, Object>> body = operations.stream().map(StatusWriter::json).toList();
        client.resources(ScaledObject.class).inNamespace(scaledObject.getMetadata().getNamespace())
                .withName(scaledObject.getMetadata().getName())
                .subresource("status")
                .patch(PatchContext.of(PatchType.JSON), client.getKubernetesSerialization().asJson(body));
    }

    private static Map<String, Object> json(Operation operation) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("op", operation.op());
        op.put("path", operation.path());
        if (!"remove".equals(operation.op())) {
            op.put("value", operation.value());
        }
        return op;
    }
}
