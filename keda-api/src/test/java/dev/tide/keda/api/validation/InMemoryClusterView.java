package dev.tide.keda.api.validation;

import dev.tide.keda.api.ScaledObject;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One namespace's objects in memory: what KEDA's envtest creates before the ScaledObject under test (other
 * ScaledObjects, HPAs, Deployments and StatefulSets, LimitRanges). A workload it does not hold is missing, and the
 * view answers as the API server does ({@code deployments.apps "name" not found}).
 */
final class InMemoryClusterView implements ClusterView {

    private final String namespace;
    private final List<ScaledObject> scaledObjects = new ArrayList<>();
    private final List<HorizontalPodAutoscaler> hpas = new ArrayList<>();
    private final Map<String, PodSpec> workloads = new HashMap<>();
    private final List<LimitRange> limitRanges = new ArrayList<>();

    InMemoryClusterView(String namespace) {
        this.namespace = namespace;
    }

    InMemoryClusterView with(ScaledObject scaledObject) {
        scaledObjects.add(scaledObject);
        return this;
    }

    InMemoryClusterView with(HorizontalPodAutoscaler hpa) {
        hpas.add(hpa);
        return this;
    }

    InMemoryClusterView with(LimitRange limitRange) {
        limitRanges.add(limitRange);
        return this;
    }

    /** An {@code apps/v1} workload of {@code kind} (Deployment or StatefulSet) and its pod template's spec. */
    InMemoryClusterView withWorkload(String kind, String name, PodSpec podSpec) {
        workloads.put(kind + "/" + name, podSpec);
        return this;
    }

    @Override
    public List<ScaledObject> scaledObjects(String namespace) {
        return this.namespace.equals(namespace) ? List.copyOf(scaledObjects) : List.of();
    }

    @Override
    public List<HorizontalPodAutoscaler> horizontalPodAutoscalers(String namespace) {
        return this.namespace.equals(namespace) ? List.copyOf(hpas) : List.of();
    }

    @Override
    public Workload workload(String namespace, String kind, String name) {
        PodSpec podSpec = this.namespace.equals(namespace) ? workloads.get(kind + "/" + name) : null;
        return podSpec != null ? Workload.found(podSpec)
                : Workload.missing("%ss.apps \"%s\" not found".formatted(kind.toLowerCase(Locale.ROOT), name));
    }

    @Override
    public List<LimitRange> limitRanges(String namespace) {
        return this.namespace.equals(namespace) ? List.copyOf(limitRanges) : List.of();
    }
}
