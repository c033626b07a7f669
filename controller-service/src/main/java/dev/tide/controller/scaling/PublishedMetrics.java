package dev.tide.controller.scaling;

import dev.tide.controller.kube.ObjectKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The snapshot the metrics API reads: one immutable {@link ScaledObjectMetrics} per ScaledObject this replica
 * scales, replaced after every pass, and whether this replica leads. The loops write it; nothing else does.
 */
public final class PublishedMetrics {

    private final Map<ObjectKey, ScaledObjectMetrics> byObject = new ConcurrentHashMap<>();
    private volatile boolean leading;

    public boolean leading() {
        return leading;
    }

    public Optional<ScaledObjectMetrics> find(ObjectKey key) {
        return Optional.ofNullable(byObject.get(key));
    }

    void leading(boolean leading) {
        this.leading = leading;
    }

    void publish(ObjectKey key, ScaledObjectMetrics metrics) {
        byObject.put(key, metrics);
    }

    void withdraw(ObjectKey key) {
        byObject.remove(key);
    }
}
