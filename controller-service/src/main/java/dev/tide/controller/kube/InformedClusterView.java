package dev.tide.controller.kube;

import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.validation.ClusterView;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The webhook's view of other objects: ScaledObjects and HPAs from informers of their own (so every replica, leader
 * or standby, has them in memory and an apply costs no LIST), the rest read directly. Until an informer has synced,
 * and for a namespace it does not watch, the direct view answers. An object created a moment ago may not be in the
 * cache yet, as in KEDA's webhook; the reconciler checks again with the informer it acts from.
 */
public final class InformedClusterView implements ClusterView, AutoCloseable {

    private final ClusterView direct;
    private final Set<String> namespaces;
    private final List<SharedIndexInformer<ScaledObject>> scaledObjects = new ArrayList<>();
    private final List<SharedIndexInformer<HorizontalPodAutoscaler>> hpas = new ArrayList<>();

    /** @param namespaces the watched namespaces; empty means all */
    public InformedClusterView(KubernetesClient client, Set<String> namespaces, ClusterView direct) {
        this.direct = direct;
        this.namespaces = Set.copyOf(namespaces);
        WatchScopes.of(client.resources(ScaledObject.class), namespaces)
                .forEach(scope -> scaledObjects.add(scope.runnableInformer(0)));
        WatchScopes.of(client.autoscaling().v2().horizontalPodAutoscalers(), namespaces)
                .forEach(scope -> hpas.add(scope.runnableInformer(0)));
    }

    /** Starts the informers without waiting for them: the direct view answers until they have synced. */
    public void start() {
        scaledObjects.forEach(SharedIndexInformer::start);
        hpas.forEach(SharedIndexInformer::start);
    }

    @Override
    public List<ScaledObject> scaledObjects(String namespace) {
        return cached(scaledObjects, namespace, direct::scaledObjects);
    }

    @Override
    public List<HorizontalPodAutoscaler> horizontalPodAutoscalers(String namespace) {
        return cached(hpas, namespace, direct::horizontalPodAutoscalers);
    }

    @Override
    public Workload workload(String namespace, String kind, String name) {
        return direct.workload(namespace, kind, name);
    }

    @Override
    public List<LimitRange> limitRanges(String namespace) {
        return direct.limitRanges(namespace);
    }

    private <T extends HasMetadata> List<T> cached(List<SharedIndexInformer<T>> informers, String namespace,
            Function<String, List<T>> fallback) {
        boolean watched = namespaces.isEmpty() || namespaces.contains(namespace);
        if (!watched || !informers.stream().allMatch(SharedIndexInformer::hasSynced)) {
            return fallback.apply(namespace);
        }
        List<T> found = new ArrayList<>();
        for (SharedIndexInformer<T> informer : informers) {
            found.addAll(informer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace));
        }
        return found;
    }

    @Override
    public void close() {
        scaledObjects.forEach(SharedIndexInformer::close);
        hpas.forEach(SharedIndexInformer::close);
    }
}
