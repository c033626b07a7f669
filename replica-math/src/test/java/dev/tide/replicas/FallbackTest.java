package dev.tide.replicas;

import static dev.tide.replicas.Quantities.targetType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.params.Param;
import dev.tide.scaler.api.params.ParameterBinder;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parity checklist against KEDA's pkg/fallback/fallback.go ({@code doFallback}, {@code HasValidFallback}). */
class FallbackTest {

    @ParameterizedTest(name = "{0}: fallback {1}, current {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # behavior               | fallback | current | expected (empty: none)
            static                   | 5        | 2       | 5
            static                   | 5        | 10      | 5
            static                   | 5        | 0       | 5
            static                   | 0        | 7       | 0
            currentReplicas          | 5        | 2       | 2
            currentReplicas          | 5        | 10      | 10
            currentReplicas          | 5        | 0       | 0
            currentReplicasIfHigher  | 5        | 2       | 5
            currentReplicasIfHigher  | 5        | 8       | 8
            currentReplicasIfHigher  | 5        | 5       | 5
            currentReplicasIfHigher  | 5        | 0       | 5
            currentReplicasIfLower   | 5        | 2       | 2
            currentReplicasIfLower   | 5        | 8       | 5
            currentReplicasIfLower   | 5        | 5       | 5
            currentReplicasIfLower   | 5        | 0       | 0
            scalingModifiers         | 5        | 2       | ''
            """)
    void choosesTheFallbackReplicaCount(String behavior, int fallback, int current, String expected) {
        OptionalInt replicas = FallbackBehavior.fromSpelling(behavior).orElseThrow().replicas(fallback, current);

        assertThat(replicas).isEqualTo(
                expected.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(expected)));
    }

    @ParameterizedTest(name = "{0} is spelled as KEDA spells it and reads back")
    @EnumSource(FallbackBehavior.class)
    void spellsEveryBehaviorAsKeda(FallbackBehavior behavior) {
        assertThat(FallbackBehavior.fromSpelling(behavior.parameterValue())).contains(behavior);
    }

    @Test
    void spellingsMatchTheCrdEnum() {
        assertThat(Arrays.stream(FallbackBehavior.values()).map(FallbackBehavior::parameterValue))
                .containsExactly("static", "currentReplicas", "currentReplicasIfHigher", "currentReplicasIfLower",
                        "scalingModifiers");
    }

    /** Spelled through the shared binder, so a config that names a behavior reads as KEDA's CRD writes it. */
    record BehaviorParams(@Param(defaultValue = "static") FallbackBehavior behavior) {
    }

    @ParameterizedTest(name = "the binder reads \"{0}\"")
    @ValueSource(strings = {"static", "currentReplicas", "currentReplicasIfHigher", "currentReplicasIfLower",
            "scalingModifiers"})
    void bindsAsKedaSpellsIt(String spelling) {
        TriggerConfig config = TriggerConfig.of("test", 0, Map.of("behavior", spelling));

        assertThat(ParameterBinder.bind(config, BehaviorParams.class).behavior().parameterValue())
                .isEqualTo(spelling);
    }

    @Test
    void theBinderListsKedaSpellingsWhenOneIsWrong() {
        TriggerConfig config = TriggerConfig.of("test", 0, Map.of("behavior", "current_replicas"));

        assertThatThrownBy(() -> ParameterBinder.bind(config, BehaviorParams.class))
                .isInstanceOf(ScalerConfigException.class)
                .hasMessageContaining("[static, currentReplicas, currentReplicasIfHigher, currentReplicasIfLower, "
                        + "scalingModifiers]");
    }

    @ParameterizedTest(name = "absent behavior \"{0}\" is the CRD default, static")
    @NullAndEmptySource
    void absentBehaviorIsStatic(String spelling) {
        assertThat(FallbackBehavior.fromSpelling(spelling)).contains(FallbackBehavior.STATIC);
    }

    @ParameterizedTest(name = "\"{0}\" is not a behavior")
    @ValueSource(strings = {"Static", "currentreplicas", "current_replicas", "triggerScoped", " static"})
    void refusesSpellingsTheCrdRefuses(String spelling) {
        assertThat(FallbackBehavior.fromSpelling(spelling)).isEmpty();
    }

    @ParameterizedTest(name = "{0} reads current replicas: {1}")
    @CsvSource({"STATIC, false", "CURRENT_REPLICAS, true", "CURRENT_REPLICAS_IF_HIGHER, true",
            "CURRENT_REPLICAS_IF_LOWER, true", "SCALING_MODIFIERS, false"})
    void readsCurrentReplicasOnlyWhenTheBehaviorUsesThem(FallbackBehavior behavior, boolean expected) {
        assertThat(behavior.needsCurrentReplicas()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "threshold {0}, {1} failures in a row -> fallback {2}")
    @CsvSource({"3, 0, false", "3, 3, false", "3, 4, true", "0, 0, false", "0, 1, true"})
    void appliesOnlyAfterMoreFailuresThanTheThreshold(int threshold, int failures, boolean expected) {
        assertThat(new Fallback(threshold, 5, FallbackBehavior.STATIC).appliesAfter(failures)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "failureThreshold {0}, replicas {1} is not a valid fallback")
    @CsvSource({"-3, 10", "3, -1"})
    void refusesWhatHasValidFallbackRefuses(int threshold, int replicas) {
        assertThatThrownBy(() -> new Fallback(threshold, replicas, FallbackBehavior.STATIC))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void replicaCountUsesTheConfiguredReplicas() {
        Fallback fallback = new Fallback(3, 6, FallbackBehavior.CURRENT_REPLICAS_IF_HIGHER);

        assertThat(fallback.replicaCount(2)).hasValue(6);
        assertThat(fallback.replicaCount(9)).hasValue(9);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                                             | type         | target | replicas | ready | expected (empty: fallback fails)
            KEDA's table: target 10, 10 replicas -> 100                        | AverageValue | 10     | 10       | 0     | 100000m
            AverageValue target 5, 4 replicas -> 20                            | AverageValue | 5      | 4        | 4     | 20000m
            AverageValue ignores ready pods, even none                         | AverageValue | 5      | 4        | 0     | 20000m
            AverageValue 0 replicas -> 0                                       | AverageValue | 5      | 0        | 3     | 0m
            fractional target 2500m x 3 -> 7500m                               | AverageValue | 2500m  | 3        | 3     | 7500m
            fractional target 333m x 3 -> 999m                                 | AverageValue | 333m   | 3        | 3     | 999m
            fractional target 100m x 7 -> 700m                                 | AverageValue | 100m   | 7        | 7     | 700m
            Value: 10 replicas over 5 ready pods, target 5 -> 10               | Value        | 5      | 10       | 5     | 10000m
            Value: 10 replicas over 3 ready pods truncates 16666.67 -> 16666m  | Value        | 5      | 10       | 3     | 16666m
            Value: 0 replicas over 2 ready pods -> 0                           | Value        | 5      | 0        | 2     | 0m
            Value: no ready pod -> the fallback fails                          | Value        | 5      | 10       | 0     | ''
            """)
    void computesTheFallbackMetricValue(String caseName, String type, String target, int replicas, int ready,
            String expected) {
        Optional<MilliValue> value = Fallback.metricValue(targetType(type), MilliValue.parse(target), replicas, ready);

        assertThat(value).isEqualTo(expected.isEmpty() ? Optional.empty() : Optional.of(MilliValue.parse(expected)));
    }

    /** The point of the fallback value: fed back through the HPA it lands on exactly the fallback count. */
    @ParameterizedTest(name = "{0} target {1}, fallback {2} replicas, {3} running -> HPA computes {2}")
    @CsvSource({
            "AverageValue, 5, 10, 2", "AverageValue, 5, 10, 10", "AverageValue, 333m, 3, 1",
            "AverageValue, 100m, 7, 20", "AverageValue, 2500m, 1, 4", "AverageValue, 7, 0, 3",
            "Value, 5, 10, 3", "Value, 5, 10, 5", "Value, 5, 7, 2", "Value, 333m, 11, 7", "Value, 1, 1, 4"})
    void theHpaLandsOnTheFallbackCount(String type, String target, int fallbackReplicas, int running) {
        MetricTargetType targetType = targetType(type);
        MilliValue served = Fallback.metricValue(targetType, MilliValue.parse(target), fallbackReplicas, running)
                .orElseThrow();
        MetricReading reading = MetricReading.sampled(new MetricSpec("s0-m", targetType, MilliValue.parse(target)), served);

        ReplicaProposal proposal = HpaReplicaCalculator.proposal(
                reading, ScaleTargetState.steady(running), Tolerance.DEFAULT);

        assertThat(proposal.replicas()).as(proposal.detail()).isEqualTo(fallbackReplicas);
    }

    @Test
    void wholeTargetsConvertExactlyAsKubernetesQuantitiesDo() {
        // NewQuantity(n) and MustParse("n.000") must agree, or integer and milli targets would fall back differently.
        long firstMismatch = LongStream.range(0, 1_000_000)
                .filter(whole -> (double) (whole * 1000) * 0.001 != (double) whole)
                .findFirst()
                .orElse(-1);
        assertThat(firstMismatch).as("first whole target whose milli form converts differently").isEqualTo(-1);
        assertThat(Fallback.asApproximateFloat64(new MilliValue(2500))).isEqualTo(2.5);
        assertThat(Fallback.asApproximateFloat64(new MilliValue(333))).isEqualTo(333 * 0.001);
    }
}
