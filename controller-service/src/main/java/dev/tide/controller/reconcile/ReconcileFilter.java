package dev.tide.controller.reconcile;

import dev.tide.keda.api.Annotations;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;

/**
 * Which ScaledObject (or ScaledJob) updates are worth a reconcile: a new generation (spec edits), a change of one of KEDA's pause
 * or force-activation annotations (which leave the generation alone), or deletion starting. Status writes and other
 * metadata edits (labels, the finalizer) are ignored, so the controller's own writes do not loop.
 */
final class ReconcileFilter<T extends HasMetadata> implements OnUpdateFilter<T> {

    @Override
    public boolean accept(T updated, T previous) {
        return !Objects.equals(updated.getMetadata().getGeneration(), previous.getMetadata().getGeneration())
                || Annotations.reconcileRelevantChange(previous, updated)
                || (updated.isMarkedForDeletion() && !previous.isMarkedForDeletion());
    }
}
