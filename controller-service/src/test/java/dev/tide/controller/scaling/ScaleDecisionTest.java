package dev.tide.controller.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.controller.scaling.ScaleDecision.Activate;
import dev.tide.controller.scaling.ScaleDecision.ActivationPausedScaleOut;
import dev.tide.controller.scaling.ScaleDecision.CoolingDown;
import dev.tide.controller.scaling.ScaleDecision.Deactivate;
import dev.tide.controller.scaling.ScaleDecision.DeactivationPausedScaleIn;
import dev.tide.controller.scaling.ScaleDecision.HoldForFallback;
import dev.tide.controller.scaling.ScaleDecision.HoldOnError;
import dev.tide.controller.scaling.ScaleDecision.NoChange;
import dev.tide.controller.scaling.ScaleDecision.Paused;
import dev.tide.controller.scaling.ScaleDecision.RaiseToMin;
import dev.tide.controller.scaling.ScaleDecision.Cooldown;
import dev.tide.controller.scaling.ScaleDecision.Pauses;
import dev.tide.controller.scaling.ScaleDecision.Replicas;
import dev.tide.controller.scaling.ScaleDecision.ScaleState;
import dev.tide.controller.scaling.ScaleDecision.Signals;
import dev.tide.controller.scaling.ScaleDecision.StayActive;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** KEDA's {@code RequestScale} table (keda-reference §2.4), one row per branch; the row names are a parity checklist. */
class ScaleDecisionTest {

    static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    static final Instant CREATED = NOW.minus(Duration.ofHours(1));

    /** A ScaledObject with KEDA's defaults (min 0, cooldown 300 s, initial cooldown 0), inactive, no error, at 0. */
    static ScaleState base() {
        return new ScaleState(new Replicas(0, 0, OptionalInt.empty(), OptionalInt.empty()), Signals.QUIET, Pauses.NONE,
                new Cooldown(Optional.empty(), CREATED, Duration.ofSeconds(300), Duration.ZERO), NOW);
    }

    static Arguments row(String name, UnaryOperator<ScaleState> state, ScaleDecision expected) {
        return Arguments.of(name, state, expected);
    }

    static ScaleState current(ScaleState s, int current) {
        return s.with(s.replicas().withCurrent(current));
    }

    static ScaleState active(ScaleState s) {
        return s.with(s.signals().withActive());
    }

    static ScaleState forced(ScaleState s) {
        return s.with(s.signals().withForced());
    }

    static ScaleState error(ScaleState s) {
        return s.with(s.signals().withError());
    }

    static ScaleState min(ScaleState s, int min) {
        return s.with(s.replicas().withMin(min));
    }

    static ScaleState idle(ScaleState s, int idle) {
        return s.with(s.replicas().withIdle(idle));
    }

    static ScaleState fallback(ScaleState s, int replicas) {
        return s.with(s.replicas().withFallback(replicas));
    }

    static ScaleState lastActiveAgo(ScaleState s, Duration ago) {
        Cooldown c = s.cooldown();
        return s.with(new Cooldown(Optional.of(s.now().minus(ago)), c.creationTime(), c.period(), c.initialPeriod()));
    }

    static ScaleState createdAgo(ScaleState s, Duration ago, Duration initialCooldown) {
        Cooldown c = s.cooldown();
        return s.with(new Cooldown(c.lastActiveTime(), s.now().minus(ago), c.period(), initialCooldown));
    }

    static ScaleState pauses(ScaleState s, boolean paused, boolean in, boolean out) {
        return s.with(new Pauses(paused, in, out));
    }

    static Stream<Arguments> table() {
        Duration past = Duration.ofSeconds(301);
        Duration within = Duration.ofSeconds(299);
        return Stream.of(
                row("paused: nothing happens", s -> pauses(active(s), true, false, false), new Paused()),
                row("active at 0, min 0: activates to 1", ScaleDecisionTest::active, new Activate(0, 1)),
                row("active at 0, min 3: activates to min", s -> min(active(s), 3), new Activate(0, 3)),
                row("forced at 0 while inactive: activates", ScaleDecisionTest::forced, new Activate(0, 1)),
                row("active at idle 0, min 2: idle to min", s -> idle(min(active(s), 2), 0), new Activate(0, 2)),
                row("active at idle 1, min 3: idle to min", s -> current(idle(min(active(s), 3), 1), 1), new Activate(1, 3)),
                row("active at 0 with paused-scale-out: stays at 0", s -> pauses(active(s), false, false, true),
                        new ActivationPausedScaleOut(0)),
                row("active above 0: the HPA's job", s -> current(active(s), 4), new StayActive(false)),
                row("active above 0 with an error: partial trigger error", s -> error(current(active(s), 4)), new StayActive(true)),
                row("active at 0 with an error in another trigger: still activates", s -> error(active(s)), new Activate(0, 1)),
                row("inactive with an error and fallback 3: holds for the HPA's fallback",
                        s -> fallback(error(current(s, 2)), 3), new HoldForFallback(2)),
                row("inactive with an error and no fallback: holds, never scales in",
                        s -> lastActiveAgo(error(current(s, 2)), past), new HoldOnError(2)),
                row("inactive with an error and fallback 0: holds, never scales in",
                        s -> lastActiveAgo(fallback(error(current(s, 2)), 0), past), new HoldOnError(2)),
                row("inactive at 2, min 0, cooldown passed: deactivates to 0",
                        s -> lastActiveAgo(current(s, 2), past), new Deactivate(2, 0)),
                row("inactive at 2, min 0, within cooldown: cooling down",
                        s -> lastActiveAgo(current(s, 2), within), new CoolingDown(NOW.plusSeconds(1))),
                row("inactive at 2, cooldown ends exactly now: still cooling down",
                        s -> lastActiveAgo(current(s, 2), Duration.ofSeconds(300)), new CoolingDown(NOW)),
                row("inactive at 3, idle 1, min 2, cooldown passed: to idle",
                        s -> lastActiveAgo(current(idle(min(s, 2), 1), 3), past), new Deactivate(3, 1)),
                row("inactive at 3, idle 1, within cooldown: cooling down",
                        s -> lastActiveAgo(current(idle(min(s, 2), 1), 3), within), new CoolingDown(NOW.plusSeconds(1))),
                row("never active, initial cooldown passed since creation: deactivates",
                        s -> createdAgo(current(s, 1), Duration.ofSeconds(61), Duration.ofSeconds(60)), new Deactivate(1, 0)),
                row("never active, within initial cooldown since creation: cooling down",
                        s -> createdAgo(current(s, 1), Duration.ofSeconds(30), Duration.ofSeconds(60)),
                        new CoolingDown(NOW.plusSeconds(30))),
                row("never active, initial cooldown 0: deactivates on the first pass",
                        s -> createdAgo(current(s, 1), Duration.ofSeconds(1), Duration.ZERO), new Deactivate(1, 0)),
                row("lastActiveTime wins over the initial cooldown",
                        s -> lastActiveAgo(createdAgo(current(s, 1), Duration.ofHours(2), Duration.ZERO), within),
                        new CoolingDown(NOW.plusSeconds(1))),
                row("inactive past cooldown with paused-scale-in: stays",
                        s -> pauses(lastActiveAgo(current(s, 2), past), false, true, false), new DeactivationPausedScaleIn(2)),
                row("inactive at min 2: the HPA's job, no change", s -> lastActiveAgo(current(min(s, 2), 2), past), new NoChange(2)),
                row("inactive at 5, min 2: HPA scales down, not KEDA", s -> lastActiveAgo(current(min(s, 2), 5), past), new NoChange(5)),
                row("inactive at 1, min 3, no idle: raised to min", s -> current(min(s, 3), 1), new RaiseToMin(1, 3)),
                row("inactive at idle already: no change", s -> idle(min(s, 2), 0), new NoChange(0)),
                row("inactive at 0, min 0: no change", UnaryOperator.identity(), new NoChange(0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decidesAsKedaDoes(String name, UnaryOperator<ScaleState> state, ScaleDecision expected) {
        assertThat(ScaleDecision.decide(state.apply(base()))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void onlyActivationAndCleanActivePassesRefreshLastActiveTime(String name, UnaryOperator<ScaleState> state,
            ScaleDecision expected) {
        boolean refreshes = expected instanceof Activate || expected.equals(new StayActive(false));
        assertThat(ScaleDecision.decide(state.apply(base())).marksActive()).isEqualTo(refreshes);
    }
}
