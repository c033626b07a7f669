package dev.tide.lint;

import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.validation.ClusterView;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster as the files given describe it: the ScaledObjects, HPAs, LimitRanges, and the Deployments' and
 * StatefulSets' pod templates, by namespace. A workload that is not in the files is {@link Workload#UNKNOWN} (the
 * rules that need it are skipped), never missing: it may well exist in the cluster. Of two manifests of one workload
 * the last read wins, as it would after {@code kubectl apply} of the files in order.
 */
final class FileClusterView implements ClusterView {

    private final Map<String, List<ScaledObject>> scaledObjects = new HashMap<>();
    private final Map<String, List<HorizontalPodAutoscaler>> hpas = new HashMap<>();
    private final Map<String, List<LimitRange>> limitRanges = new HashMap<>();
    private final Map<WorkloadKey, PodSpec> workloads = new HashMap<>();

    private record WorkloadKey(String namespace, String kind, String name) {
    }

    void add(ScaledObject scaledObject) {
        scaledObjects.computeIfAbsent(scaledObject.getMetadata().getNamespace(), key -> new ArrayList<>()).add(scaledObject);
    }

    void add(String namespace, HorizontalPodAutoscaler hpa) {
        hpa.getMetadata().setNamespace(namespace);
        hpas.computeIfAbsent(namespace, key -> new ArrayList<>()).add(hpa);
    }

    void add(String namespace, LimitRange limitRange) {
        limitRanges.computeIfAbsent(namespace, key -> new ArrayList<>()).add(limitRange);
    }

    /** A Deployment's or StatefulSet's pod template's spec. */
    void addWorkload(String namespace, String kind, String name, PodSpec podSpec) {
        workloads.put(new WorkloadKey(namespace, kind, name), podSpec);
    }

    @Override
    public List<ScaledObject> scaledObjects(String namespace) {
        return scaledObjects.getOrDefault(namespace, List.of());
    }

    @Override
    public List<HorizontalPodAutoscaler> horizontalPodAutoscalers(String namespace) {
        return hpas.getOrDefault(namespace, List.of());
    }

    @Override
    public Workload workload(String namespace, String kind, String name) {
        PodSpec podSpec = workloads.get(new WorkloadKey(namespace, kind, name));
        return podSpec == null ? Workload.UNKNOWN : Workload.found(podSpec);
    }

    @Override
    public List<LimitRange> limitRanges(String namespace) {
        return limitRanges.getOrDefault(namespace, List.of());
    }
}
