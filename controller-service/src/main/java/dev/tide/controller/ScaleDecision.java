package dev.tide.controller;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the scale loop does with a ScaledObject after one pass: KEDA's {@code RequestScale}
 * ({@code pkg/scaling/executor/scale_scaledobjects.go}) as a pure function over a {@link ScaleState}, one case per
 * branch of its table. The loop performs the result; nothing here touches the API server or reads a clock.
 *
 * <p>One deliberate difference from KEDA: a trigger error never scales a workload in. KEDA falls through to the
 * scale-to-zero branch when an inactive ScaledObject has an error and no (or a zero) fallback; Tide holds and
 * reports {@code TriggerError} instead (issue 6: "a source error never scales a workload in").
 */
sealed interface ScaleDecision {

    /** The replica count to write through {@code /scale}, if any. */
    default OptionalInt targetReplicas() {
        return OptionalInt.empty();
    }

    /** Whether this pass counts as activity: {@code lastActiveTime} becomes now. */
    default boolean marksActive() {
        return false;
    }

    /** paused or paused-replicas: the loop should not be running; nothing happens. */
    record Paused() implements ScaleDecision {
    }

    /** Active (or forced) at 0, or below min with an idle count: scale to {@code max(min, 1)}. */
    record Activate(int from, int to) implements ScaleDecision {
        @Override
        public OptionalInt targetReplicas() {
            return OptionalInt.of(to);
        }

        @Override
        public boolean marksActive() {
            return true;
        }
    }

    /** Active at 0 (or idle), but {@code paused-scale-out} forbids the step. */
    record ActivationPausedScaleOut(int current) implements ScaleDecision {
    }

    /** Active and already scaled out: the HPA owns 1↔N; {@code partialError} when some trigger failed. */
    record StayActive(boolean partialError) implements ScaleDecision {
        @Override
        public boolean marksActive() {
            // KEDA refreshes lastActiveTime only on a clean pass.
            return !partialError;
        }
    }

    /** Inactive with an error and a non-zero fallback: hold, so the HPA (min ≥ 1) serves the fallback value. */
    record HoldForFallback(int current) implements ScaleDecision {
    }

    /** Inactive with an error and no fallback: hold and report {@code TriggerError}; never scale in on an error. */
    record HoldOnError(int current) implements ScaleDecision {
    }

    /** Inactive past the cooldown: scale to the idle count, or 0. */
    record Deactivate(int from, int to) implements ScaleDecision {
        @Override
        public OptionalInt targetReplicas() {
            return OptionalInt.of(to);
        }
    }

    /** Inactive, but the cooldown (or the initial cooldown) has not passed yet. */
    record CoolingDown(Instant until) implements ScaleDecision {
    }

    /** Inactive past the cooldown, but {@code paused-scale-in} forbids the step. */
    record DeactivationPausedScaleIn(int current) implements ScaleDecision {
    }

    /** Inactive, no idle count, below min (someone scaled the target down by hand): back to min. */
    record RaiseToMin(int from, int to) implements ScaleDecision {
        @Override
        public OptionalInt targetReplicas() {
            return OptionalInt.of(to);
        }
    }

    /** Inactive and already where KEDA leaves it. */
    record NoChange(int current) implements ScaleDecision {
    }

    /**
     * Everything one decision reads.
     *
     * @param currentReplicas the target's {@code /scale} replicas now
     * @param minReplicaCount {@code spec.minReplicaCount} as written (0 when absent)
     * @param idleReplicaCount {@code spec.idleReplicaCount}
     * @param active any trigger active this pass
     * @param forceActivation the {@code force-activation} annotation
     * @param error any trigger failed this pass
     * @param fallbackReplicas {@code spec.fallback.replicas}, empty without a valid fallback
     * @param lastActiveTime {@code status.lastActiveTime} (or the loop's fresher copy)
     * @param creationTime the ScaledObject's creation timestamp
     */
    record ScaleState(
            int currentReplicas,
            int minReplicaCount,
            OptionalInt idleReplicaCount,
            boolean active,
            boolean forceActivation,
            boolean error,
            OptionalInt fallbackReplicas,
            boolean paused,
            boolean pausedScaleIn,
            boolean pausedScaleOut,
            Optional<Instant> lastActiveTime,
            Instant creationTime,
            Duration cooldownPeriod,
            Duration initialCooldownPeriod,
            Instant now) {

        public ScaleState {
            Objects.requireNonNull(idleReplicaCount, "idleReplicaCount");
            Objects.requireNonNull(fallbackReplicas, "fallbackReplicas");
            Objects.requireNonNull(lastActiveTime, "lastActiveTime");
            Objects.requireNonNull(creationTime, "creationTime");
            Objects.requireNonNull(cooldownPeriod, "cooldownPeriod");
            Objects.requireNonNull(initialCooldownPeriod, "initialCooldownPeriod");
            Objects.requireNonNull(now, "now");
        }

        /** KEDA's {@code GetHPAMinReplicas}: an explicit (or absent) 0 counts as 1. */
        int hpaMinReplicas() {
            return minReplicaCount > 0 ? minReplicaCount : 1;
        }
    }

    /** KEDA's table, branch for branch (see the type's comment for the one difference). */
    static ScaleDecision decide(ScaleState s) {
        if (s.paused()) {
            return new Paused();
        }
        int current = s.currentReplicas();
        if (s.active() || s.forceActivation()) {
            boolean belowIdleMin = s.idleReplicaCount().isPresent() && current < s.hpaMinReplicas();
            if (current == 0 || belowIdleMin) {
                return s.pausedScaleOut() ? new ActivationPausedScaleOut(current) : new Activate(current, s.hpaMinReplicas());
            }
            return new StayActive(s.error());
        }
        if (s.error()) {
            return s.fallbackReplicas().isPresent() && s.fallbackReplicas().getAsInt() != 0
                    ? new HoldForFallback(current) : new HoldOnError(current);
        }
        boolean aboveIdle = s.idleReplicaCount().isPresent() && current > s.idleReplicaCount().getAsInt();
        if (aboveIdle || (current > 0 && s.minReplicaCount() == 0)) {
            Instant cooldownEnds = s.lastActiveTime()
                    .map(last -> last.plus(s.cooldownPeriod()))
                    .orElse(s.creationTime().plus(s.initialCooldownPeriod()));
            if (!cooldownEnds.isBefore(s.now())) {
                return new CoolingDown(cooldownEnds);
            }
            return s.pausedScaleIn() ? new DeactivationPausedScaleIn(current)
                    : new Deactivate(current, s.idleReplicaCount().orElse(0));
        }
        if (s.idleReplicaCount().isEmpty() && current < s.minReplicaCount()) {
            return new RaiseToMin(current, s.minReplicaCount());
        }
        return new NoChange(current);
    }
}
