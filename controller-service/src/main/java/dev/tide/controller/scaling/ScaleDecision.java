package dev.tide.controller.scaling;

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
     * Everything one decision reads, in four named groups.
     *
     * @param replicas the target's replicas now and the counts the spec sets
     * @param signals what this pass's triggers said
     * @param pauses the pause annotations
     * @param cooldown when the ScaledObject was last active and how long it cools down
     * @param now the time of this pass
     */
    record ScaleState(Replicas replicas, Signals signals, Pauses pauses, Cooldown cooldown, Instant now) {

        public ScaleState {
            Objects.requireNonNull(replicas, "replicas");
            Objects.requireNonNull(signals, "signals");
            Objects.requireNonNull(pauses, "pauses");
            Objects.requireNonNull(cooldown, "cooldown");
            Objects.requireNonNull(now, "now");
        }

        ScaleState with(Replicas replicas) {
            return new ScaleState(replicas, signals, pauses, cooldown, now);
        }

        ScaleState with(Signals signals) {
            return new ScaleState(replicas, signals, pauses, cooldown, now);
        }

        ScaleState with(Pauses pauses) {
            return new ScaleState(replicas, signals, pauses, cooldown, now);
        }

        ScaleState with(Cooldown cooldown) {
            return new ScaleState(replicas, signals, pauses, cooldown, now);
        }
    }

    /**
     * @param current the target's {@code /scale} replicas now
     * @param min {@code spec.minReplicaCount} as written (0 when absent)
     * @param idle {@code spec.idleReplicaCount}
     * @param fallback {@code spec.fallback.replicas}, empty without a valid fallback
     */
    record Replicas(int current, int min, OptionalInt idle, OptionalInt fallback) {

        public Replicas {
            Objects.requireNonNull(idle, "idle");
            Objects.requireNonNull(fallback, "fallback");
        }

        /** KEDA's {@code GetHPAMinReplicas}: an explicit (or absent) 0 counts as 1. */
        int hpaMin() {
            return min > 0 ? min : 1;
        }

        Replicas withCurrent(int current) {
            return new Replicas(current, min, idle, fallback);
        }

        Replicas withMin(int min) {
            return new Replicas(current, min, idle, fallback);
        }

        Replicas withIdle(int idle) {
            return new Replicas(current, min, OptionalInt.of(idle), fallback);
        }

        Replicas withFallback(int fallback) {
            return new Replicas(current, min, idle, OptionalInt.of(fallback));
        }
    }

    /**
     * @param active any trigger active this pass
     * @param forced the {@code force-activation} annotation
     * @param error any trigger failed this pass
     */
    record Signals(boolean active, boolean forced, boolean error) {

        static final Signals QUIET = new Signals(false, false, false);

        Signals withActive() {
            return new Signals(true, forced, error);
        }

        Signals withForced() {
            return new Signals(active, true, error);
        }

        Signals withError() {
            return new Signals(active, forced, true);
        }
    }

    /** @param all {@code paused} or {@code paused-replicas}: the loop should not run at all */
    record Pauses(boolean all, boolean scaleIn, boolean scaleOut) {

        static final Pauses NONE = new Pauses(false, false, false);
    }

    /**
     * @param lastActiveTime {@code status.lastActiveTime} (or the loop's fresher copy)
     * @param creationTime the ScaledObject's creation timestamp
     * @param period {@code cooldownPeriod}
     * @param initialPeriod {@code initialCooldownPeriod}, counted from creation until the first activity
     */
    record Cooldown(Optional<Instant> lastActiveTime, Instant creationTime, Duration period, Duration initialPeriod) {

        public Cooldown {
            Objects.requireNonNull(lastActiveTime, "lastActiveTime");
            Objects.requireNonNull(creationTime, "creationTime");
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(initialPeriod, "initialPeriod");
        }

        /** When the cooldown ends: from the last activity, else from creation plus the initial cooldown. */
        Instant ends() {
            return lastActiveTime.map(last -> last.plus(period)).orElse(creationTime.plus(initialPeriod));
        }
    }

    /** KEDA's table, branch for branch (see the type's comment for the one difference). */
    static ScaleDecision decide(ScaleState s) {
        if (s.pauses().all()) {
            return new Paused();
        }
        Replicas replicas = s.replicas();
        Signals signals = s.signals();
        int current = replicas.current();
        if (signals.active() || signals.forced()) {
            boolean belowIdleMin = replicas.idle().isPresent() && current < replicas.hpaMin();
            if (current == 0 || belowIdleMin) {
                return s.pauses().scaleOut() ? new ActivationPausedScaleOut(current) : new Activate(current, replicas.hpaMin());
            }
            return new StayActive(signals.error());
        }
        if (signals.error()) {
            return replicas.fallback().isPresent() && replicas.fallback().getAsInt() != 0
                    ? new HoldForFallback(current) : new HoldOnError(current);
        }
        boolean aboveIdle = replicas.idle().isPresent() && current > replicas.idle().getAsInt();
        if (aboveIdle || (current > 0 && replicas.min() == 0)) {
            Instant cooldownEnds = s.cooldown().ends();
            if (!cooldownEnds.isBefore(s.now())) {
                return new CoolingDown(cooldownEnds);
            }
            return s.pauses().scaleIn() ? new DeactivationPausedScaleIn(current) : new Deactivate(current, replicas.idle().orElse(0));
        }
        if (replicas.idle().isEmpty() && current < replicas.min()) {
            return new RaiseToMin(current, replicas.min());
        }
        return new NoChange(current);
    }
}
