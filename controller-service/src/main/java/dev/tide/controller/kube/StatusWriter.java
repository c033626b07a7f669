package dev.tide.controller.kube;

import dev.tide.keda.api.ScaledJob;
import dev.tide.keda.api.ScaledJobStatus;
import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.ScaledObjectStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** One {@code add} operation of a JSON patch (which also replaces the member). */
    public record Operation(String path, Object value) {

        public static Operation set(String path, Object value) {
            return new Operation(path, value);
        }
    }

    /** Replaces the whole status (one {@code add /status}, which replaces the member). */
    public void replace(ScaledObject scaledObject, ScaledObjectStatus status) {
        patch(scaledObject, List.of(Operation.set("/status", status)));
    }

    /** Replaces the whole status of a ScaledJob. */
    public void replace(ScaledJob scaledJob, ScaledJobStatus status) {
        patch(scaledJob, List.of(Operation.set("/status", status)));
    }

    /** Sets the given status members of a ScaledObject or a ScaledJob. */
    public void patch(HasMetadata object, List<Operation> operations) {
        List<Map<String, Object>> body = operations.stream().map(StatusWriter::json).toList();
        client.resources(object.getClass()).inNamespace(object.getMetadata().getNamespace())
                .withName(object.getMetadata().getName())
                .subresource("status")
                .patch(PatchContext.of(PatchType.JSON), client.getKubernetesSerialization().asJson(body));
    }

    private static Map<String, Object> json(Operation operation) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("op", "add");
        op.put("path", operation.path());
        op.put("value", operation.value());
        return op;
    }
}
