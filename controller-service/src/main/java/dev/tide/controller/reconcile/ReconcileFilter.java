package dev.tide.controller.reconcile;

import dev.tide.keda.api.Annotations;
import dev.tide.keda.api.ScaledObject;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;

/**
 * Which ScaledObject updates are worth a reconcile: a new generation (spec edits), a change of one of KEDA's pause
 * or force-activation annotations (which leave the generation alone), or deletion starting. Status writes and other
 * metadata edits (labels, the finalizer) are ignored, so the controller's own writes do not loop.
 */
final class ReconcileFilter implements OnUpdateFilter<ScaledObject> {

    @Override
    public boolean accept(ScaledObject updated, ScaledObject previous) {
        return !Objects.equals(updated.getMetadata().getGeneration(), previous.getMetadata().getGeneration())
                || Annotations.reconcileRelevantChange(previous, updated)
                || (updated.isMarkedForDeletion() && !previous.isMarkedForDeletion());
    }
}
