package dev.tide.controller.reconcile;

import dev.tide.controller.hpa.HpaSync;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Optional;

/**
 * The reconciler's informer of the HPAs Tide manages as {@link HpaSync}'s cache: the watch the reconciler already
 * runs to put back edited HPAs, so reading HPAs from memory costs no second watch. (The webhook's informer of every
 * HPA runs only with the webhook enabled, and on every replica.) Writes are handed to the event source's cache of
 * recent operations, which answers them until the watch delivers them.
 */
record OwnedHpas(InformerEventSource<HorizontalPodAutoscaler, ?> source) implements HpaSync.Cache {

    @Override
    public Optional<HorizontalPodAutoscaler> get(String namespace, String name) {
        return source.get(new ResourceID(name, namespace));
    }

    @Override
    public void created(HorizontalPodAutoscaler created) {
        source.handleRecentResourceCreate(ResourceID.fromResource(created), created);
    }

    @Override
    public void updated(HorizontalPodAutoscaler updated, HorizontalPodAutoscaler previous) {
        source.handleRecentResourceUpdate(ResourceID.fromResource(updated), updated, previous);
    }
}
