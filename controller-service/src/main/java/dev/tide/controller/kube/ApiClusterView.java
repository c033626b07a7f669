package dev.tide.controller.kube;

import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.validation.ClusterView;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * The validator's view of other objects, read from the API server at the moment of the check: KEDA's webhook reads a
 * cache that can lag behind the objects just created (its tests show the misses), a direct read cannot. A reconcile
 * or an apply costs a few small LISTs of one namespace.
 */
public final class ApiClusterView implements ClusterView {

    private final KubernetesClient client;

    public ApiClusterView(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public List<ScaledObject> scaledObjects(String namespace) {
        return client.resources(ScaledObject.class).inNamespace(namespace).list().getItems();
    }

    @Override
    public List<HorizontalPodAutoscaler> horizontalPodAutoscalers(String namespace) {
        return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).list().getItems();
    }

    @Override
    public Workload workload(String namespace, String kind, String name) {
        var object = switch (kind) {
            case "Deployment" -> client.apps().deployments().inNamespace(namespace).withName(name).get();
            case "StatefulSet" -> client.apps().statefulSets().inNamespace(namespace).withName(name).get();
            default -> null;
        };
        if (object == null) {
            return Workload.missing("%s.apps \"%s\" not found".formatted(kind.equals("Deployment") ? "deployments" : "statefulsets", name));
        }
        PodTemplateSpec template = object instanceof io.fabric8.kubernetes.api.model.apps.Deployment deployment
                ? deployment.getSpec().getTemplate()
                : ((io.fabric8.kubernetes.api.model.apps.StatefulSet) object).getSpec().getTemplate();
        return template == null || template.getSpec() == null ? Workload.UNKNOWN : Workload.found(template.getSpec());
    }

    @Override
    public List<LimitRange> limitRanges(String namespace) {
        return client.limitRanges().inNamespace(namespace).list().getItems();
    }
}
