package dev.tide.replicas;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One sync of an HPA over External metrics, as kube-controller-manager runs it every
 * {@code --horizontal-pod-autoscaler-sync-period} ({@code reconcileAutoscaler} in {@code horizontal.go}): the
 * guards on the current count, the metric arithmetic ({@link HpaReplicaCalculator}), then behavior and bounds
 * ({@link HpaBehaviorCalculator}).
 */
public final class HpaSync {

    private HpaSync() {
    }

    /**
     * What the HPA decides at {@code now}.
     *
     * @param readings the External metrics as fetched from the metrics API
     * @param target the scale target's counts
     * @param bounds the HPA's min/max
     * @param behavior the HPA's behavior, defaults filled in
     * @param tolerance the controller's tolerance
     * @param history what the previous syncs left
     */
    public static Decision decide(List<MetricReading> readings, ScaleTargetState target, ReplicaBounds bounds,
            HpaBehavior behavior, Tolerance tolerance, HpaHistory history, Instant now) {
        Objects.requireNonNull(bounds, "bounds");
        int current = target.specReplicas();
        if (current == 0 && bounds.min() != 0) {
            // 0 switches the HPA off: only KEDA moves the target between 0 and its minimum.
            return new Decision(current, current, Outcome.SCALING_DISABLED,
                    "scaling is disabled since the replica count of the target is zero", history);
        }
        if (current > bounds.max()) {
            return new Decision(current, bounds.max(), Outcome.ABOVE_MAX,
                    "current number of replicas above Spec.MaxReplicas", history);
        }
        if (current < bounds.min()) {
            return new Decision(current, bounds.min(), Outcome.BELOW_MIN,
                    "current number of replicas below Spec.MinReplicas", history);
        }
        ReplicaProposal proposal = HpaReplicaCalculator.desiredReplicas(readings, target, tolerance);
        if (proposal.invalid()) {
            // Kubernetes reports FailedGetExternalMetric and neither scales nor records a recommendation.
            return new Decision(current, current, Outcome.METRICS_INVALID, proposal.detail(), history);
        }
        HpaBehaviorCalculator.Normalized normalized = HpaBehaviorCalculator.normalize(behavior, bounds, current,
                proposal.replicas(), history, now);
        String message = proposal.metricName() + ": " + proposal.detail()
                + (normalized.stabilized() != proposal.replicas()
                        ? "; " + normalized.stabilization().conditionReason() + " to " + normalized.stabilized() : "")
                + (normalized.limit().limited()
                        ? "; " + normalized.limit().conditionReason() + " to " + normalized.replicas() : "");
        return new Decision(current, normalized.replicas(), Outcome.COMPUTED, message, normalized.history());
    }

    /**
     * An HPA sync's result.
     *
     * @param currentReplicas {@code spec.replicas} before
     * @param desiredReplicas what the HPA wants; written when it differs ({@link #rescale()})
     * @param outcome which path of the sync decided
     * @param message why, for a timeline or an event
     * @param history to keep for the next sync; after a successful write, {@link HpaHistory#withScale} it
     */
    public record Decision(int currentReplicas, int desiredReplicas, Outcome outcome, String message,
            HpaHistory history) {

        public Decision {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(history, "history");
        }

        /** Whether the HPA writes {@code /scale}. */
        public boolean rescale() {
            return desiredReplicas != currentReplicas;
        }
    }

    /** Which path of {@code reconcileAutoscaler} decided. */
    public enum Outcome {
        /** {@code spec.replicas} is 0 and minReplicas is not: the HPA does nothing ({@code ScalingDisabled}). */
        SCALING_DISABLED,
        /** Above maxReplicas: brought down to it, no metrics read. */
        ABOVE_MAX,
        /** Below minReplicas: brought up to it, no metrics read. */
        BELOW_MIN,
        /** The metrics could not be used ({@code FailedGetExternalMetric}): no change. */
        METRICS_INVALID,
        /** From the metrics, behavior and bounds. */
        COMPUTED
    }
}
