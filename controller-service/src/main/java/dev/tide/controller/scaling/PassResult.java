package dev.tide.controller.scaling;

import dev.tide.controller.sources.Reading;
import dev.tide.keda.api.Condition;
import dev.tide.replicas.Fallback;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one pass found and decided, in the spirit of KEDA's {@code ScaleResult}: the readings per trigger, the
 * replica decision (or why none could be made), the loop-owned conditions and the fallback state. The
 * {@link PassExecutor} acts on it; nothing that computes it writes anything.
 *
 * @param triggeredBy KEDA's "triggered by" text: the metrics that read active this pass, joined by {@code ;}, or
 *     {@code composite-metric} when scalingModifiers made the ScaledObject active
 * @param at when the pass decided (the clock's now)
 */
record PassResult(Registration registration, List<Reading> readings, Outcome outcome, List<Condition> conditions,
        FallbackState fallback, List<CauseChange> causeChanges, String triggeredBy, Instant at) {

    /**
     * A trigger metric whose failure cause changed this pass: it started failing, fails for another reason, or
     * (empty cause) reads again. KEDA reports each as a {@code KEDAScalerFailed} event; reporting only changes keeps
     * a source that stays down from writing an event and a log line on every poll.
     */
    record CauseChange(String metricName, String trigger, Optional<String> cause) {
    }

    /** The replica side of a pass. */
    sealed interface Outcome {
    }

    /** The target's replicas could not be read: no decision, Ready says why. */
    record ReplicasUnknown(String message) implements Outcome {
    }

    /**
     * @param activeOrForced a trigger was active or the ScaledObject is forced active
     */
    record Decided(int currentReplicas, ScaleDecision decision, boolean activeOrForced) implements Outcome {
    }

    /** The fallback configured (if valid) and whether any metric is failing past its threshold. */
    record FallbackState(Optional<Fallback> fallback, boolean active) {

        boolean configured() {
            return fallback.isPresent();
        }
    }
}
