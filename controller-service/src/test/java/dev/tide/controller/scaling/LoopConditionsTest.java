package dev.tide.controller.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.keda.api.Condition;
import dev.tide.keda.api.KedaCondition;
import dev.tide.replicas.Fallback;
import dev.tide.replicas.FallbackBehavior;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Active, Ready and Fallback conditions a pass leaves, as KEDA's scale handler sets them. */
class LoopConditionsTest {

    static final List<Condition> INITIAL = List.of(KedaCondition.Type.READY.initial(), KedaCondition.Type.ACTIVE.initial(),
            KedaCondition.Type.FALLBACK.initial(), KedaCondition.Type.PAUSED.initial());
    static final PassResult.FallbackState NO_FALLBACK = new PassResult.FallbackState(Optional.empty(), false);
    static final Fallback THREE = new Fallback(3, 3, FallbackBehavior.STATIC);

    static Arguments row(String name, ScaleDecision.Signals signals, ScaleDecision decision, PassResult.FallbackState fallback,
            KedaCondition active, KedaCondition ready, KedaCondition fallbackCondition) {
        return Arguments.of(name, signals, decision, fallback, active, ready, fallbackCondition);
    }

    static Stream<Arguments> table() {
        var quiet = ScaleDecision.Signals.QUIET;
        var none = new ScaleDecision.NoChange(0);
        return Stream.of(
                row("active, clean: ScalerActive and Ready", quiet.withActive(), new ScaleDecision.StayActive(false), NO_FALLBACK,
                        KedaCondition.SCALER_ACTIVE, KedaCondition.READY, null),
                row("forced while inactive: active by annotation", quiet.withForced(), new ScaleDecision.Activate(0, 1), NO_FALLBACK,
                        KedaCondition.FORCED_ACTIVE, KedaCondition.READY, null),
                row("inactive within the cooldown: ScalerCooldown", quiet, new ScaleDecision.CoolingDown(Instant.EPOCH), NO_FALLBACK,
                        KedaCondition.SCALER_COOLDOWN, KedaCondition.READY, null),
                row("inactive: ScalerNotActive", quiet, none, NO_FALLBACK, KedaCondition.SCALER_NOT_ACTIVE, KedaCondition.READY, null),
                row("active with an error: partial trigger error", quiet.withActive().withError(), new ScaleDecision.StayActive(true),
                        NO_FALLBACK, KedaCondition.SCALER_ACTIVE, KedaCondition.PARTIAL_TRIGGER_ERROR, null),
                row("inactive with an error: TriggerError", quiet.withError(), new ScaleDecision.HoldOnError(2), NO_FALLBACK,
                        KedaCondition.SCALER_NOT_ACTIVE, KedaCondition.TRIGGER_ERROR, null),
                row("fallback configured, not failing: NoFallbackFound", quiet, none,
                        new PassResult.FallbackState(Optional.of(THREE), false), KedaCondition.SCALER_NOT_ACTIVE, KedaCondition.READY,
                        KedaCondition.NO_FALLBACK),
                row("fallback past its threshold: Ready stays True, FallbackExists", quiet.withError(),
                        new ScaleDecision.HoldForFallback(2), new PassResult.FallbackState(Optional.of(THREE), true),
                        KedaCondition.SCALER_NOT_ACTIVE, KedaCondition.READY, KedaCondition.FALLBACK_EXISTS),
                row("fallback configured, failing below its threshold: Ready stays True", quiet.withError(),
                        new ScaleDecision.HoldForFallback(2), new PassResult.FallbackState(Optional.of(THREE), false),
                        KedaCondition.SCALER_NOT_ACTIVE, KedaCondition.READY, KedaCondition.NO_FALLBACK));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void setsTheConditionsKedaSets(String name, ScaleDecision.Signals signals, ScaleDecision decision,
            PassResult.FallbackState fallback, KedaCondition active, KedaCondition ready, KedaCondition fallbackCondition) {
        List<Condition> after = LoopConditions.after(INITIAL, signals, decision, fallback);

        assertThat(after).contains(active.condition(), ready.condition());
        assertThat(after).contains(fallbackCondition == null ? KedaCondition.Type.FALLBACK.initial() : fallbackCondition.condition());
        assertThat(after).contains(KedaCondition.Type.PAUSED.initial()).hasSize(INITIAL.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void aPassThatCannotReadReplicasOnlyChangesReady(String name, ScaleDecision.Signals signals, ScaleDecision decision,
            PassResult.FallbackState fallback, KedaCondition active, KedaCondition ready, KedaCondition fallbackCondition) {
        List<Condition> after = LoopConditions.replicasUnknown(LoopConditions.after(INITIAL, signals, decision, fallback),
                "Error getting current replicas of Deployment ns/worker: HTTP 503");

        assertThat(after).contains(active.condition())
                .contains(KedaCondition.ERROR_GETTING_CURRENT_REPLICAS.withMessage("Error getting current replicas of Deployment ns/worker: HTTP 503"))
                .doesNotContain(ready.condition());
    }
}
