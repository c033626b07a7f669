package dev.tide.controller;

import dev.tide.controller.kube.ClusterAccess;
import dev.tide.controller.kube.ObjectKey;
import dev.tide.controller.kube.ScaleClient;
import dev.tide.controller.kube.StatusWriter;
import dev.tide.keda.api.EventReason;
import dev.tide.keda.api.ScaledObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scale loops' {@link ClusterAccess}, counting the passes that reached the replica read per target. A pass used to
 * GET the target's {@code /scale}, so the API server's log counted passes; replica counts now come from informers.
 */
final class PassCounter implements ClusterAccess {

    private static final Map<ObjectKey, AtomicInteger> PASSES = new ConcurrentHashMap<>();

    private final ClusterAccess cluster;

    PassCounter(ClusterAccess cluster) {
        this.cluster = cluster;
    }

    /** Passes of the loops on the target {@code namespace/name} so far. */
    static int passes(String namespace, String name) {
        AtomicInteger passes = PASSES.get(new ObjectKey(namespace, name));
        return passes == null ? 0 : passes.get();
    }

    @Override
    public int currentReplicas(ScaleClient.Target target) {
        PASSES.computeIfAbsent(new ObjectKey(target.namespace(), target.name()), k -> new AtomicInteger()).incrementAndGet();
        return cluster.currentReplicas(target);
    }

    @Override
    public void scale(ScaleClient.Target target, int replicas) {
        cluster.scale(target, replicas);
    }

    @Override
    public void patchStatus(ScaledObject scaledObject, List<StatusWriter.Operation> operations) {
        cluster.patchStatus(scaledObject, operations);
    }

    @Override
    public void event(ScaledObject scaledObject, EventReason reason, String message) {
        cluster.event(scaledObject, reason, message);
    }

    @Override
    public Map<ObjectKey, ScaledObject> scaledObjects() {
        return cluster.scaledObjects();
    }
}
