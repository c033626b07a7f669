package dev.tide.controller.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.controller.scaling.CompositeMetric.Absent;
import dev.tide.controller.scaling.CompositeMetric.Failed;
import dev.tide.controller.scaling.CompositeMetric.Failing;
import dev.tide.controller.scaling.CompositeMetric.FallBack;
import dev.tide.controller.scaling.CompositeMetric.Input;
import dev.tide.controller.scaling.CompositeMetric.Outcome;
import dev.tide.controller.scaling.CompositeMetric.PastThreshold;
import dev.tide.controller.scaling.CompositeMetric.Read;
import dev.tide.controller.scaling.CompositeMetric.Value;
import dev.tide.controller.sources.Reading;
import dev.tide.formula.Formula;
import dev.tide.replicas.Fallback;
import dev.tide.replicas.FallbackBehavior;
import dev.tide.replicas.HpaReplicaCalculator;
import dev.tide.replicas.MetricReading;
import dev.tide.replicas.ScaleTargetState;
import dev.tide.replicas.Tolerance;
import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.MilliValue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The composite metric as KEDA computes it: the cases of {@code pkg/scaling/modifiers/formula_test.go},
 * {@code scale_handler_test.go} and the two e2e suites (keda-breadth §1.8), the fallback interplay of §1.6, and the
 * edge cases a formula meets (division by zero, a missing value, NaN, an int result).
 */
class CompositeMetricTest {

    private static final Optional<Fallback> NO_FALLBACK = Optional.empty();

    static CompositeMetric composite(String formula, double target, double activation, MetricTargetType type, String... triggers) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < triggers.length; i++) {
            variables.put("s" + i + "-metric", triggers[i]);
        }
        return new CompositeMetric(Formula.compileAndDryRun(Formula.kedaRewrite(formula), Set.of(triggers)), variables, type,
                new MilliValue((long) (target * 1000)), target, activation);
    }

    static CompositeMetric composite(String formula, double target, String... triggers) {
        return composite(formula, target, 0, MetricTargetType.AVERAGE_VALUE, triggers);
    }

    /** Inputs in trigger order: {@code s0-metric}, {@code s1-metric}, … */
    static Map<String, Input> inputs(Input... inputs) {
        Map<String, Input> map = new LinkedHashMap<>();
        for (int i = 0; i < inputs.length; i++) {
            map.put("s" + i + "-metric", inputs[i]);
        }
        return map;
    }

    static Optional<Fallback> fallback(int threshold, int replicas, FallbackBehavior behavior) {
        return Optional.of(new Fallback(threshold, replicas, behavior));
    }

    static Stream<Arguments> outcomes() {
        return Stream.of(
                // formula_test.go TestCalculateScalingModifiersFormula
                Arguments.of("KEDA: trigger1 + trigger2 over 2 and 5 is 7", composite("trigger1 + trigger2", 2, "trigger1", "trigger2"),
                        inputs(new Read(2), new Read(5)), NO_FALLBACK, new Value(7)),
                Arguments.of("KEDA: trigger1 ?? trigger2 with both past their threshold serves fallback.replicas × target (7 × 2)",
                        composite("trigger1 ?? trigger2", 2, "trigger1", "trigger2"), inputs(new PastThreshold(), new PastThreshold()),
                        fallback(3, 7, FallbackBehavior.SCALING_MODIFIERS), new Value(14)),
                // The ?? chain of the fallback docs and e2e
                Arguments.of("a ?? chain skips a trigger past its threshold under the scalingModifiers behavior",
                        composite("primary ?? secondary ?? 8", 2, "primary", "secondary"), inputs(new PastThreshold(), new Read(12)),
                        fallback(3, 4, FallbackBehavior.SCALING_MODIFIERS), new Value(12)),
                Arguments.of("a ?? chain ends at its literal when every trigger is past its threshold",
                        composite("primary ?? secondary ?? 8", 2, "primary", "secondary"),
                        inputs(new PastThreshold(), new PastThreshold()), fallback(3, 4, FallbackBehavior.SCALING_MODIFIERS), new Value(8)),
                Arguments.of("a trigger that read no value is nil, so ?? takes the next",
                        composite("a ?? 3", 2, "a"), inputs(new Absent()), NO_FALLBACK, new Value(3)),
                // Fallback interplay (§1.6)
                Arguments.of("a trigger past its threshold under a replica fallback serves the fallback, formula skipped",
                        composite("a + b", 2, "a", "b"), inputs(new PastThreshold(), new Read(5)),
                        fallback(3, 5, FallbackBehavior.STATIC), new FallBack()),
                Arguments.of("the replica fallback wins over another trigger failing below its threshold",
                        composite("a + b", 2, "a", "b"), inputs(new PastThreshold(), new Failing("trigger[1] (kafka \"b\")", "down")),
                        fallback(3, 5, FallbackBehavior.CURRENT_REPLICAS), new FallBack()),
                Arguments.of("a trigger failing below its threshold fails the composite, naming the trigger",
                        composite("a + b", 2, "a", "b"), inputs(new Failing("trigger[0] (kafka \"a\")", "broker down"), new Read(5)),
                        fallback(3, 5, FallbackBehavior.STATIC),
                        new Failed("metric:composite-metric encountered error (trigger[0] (kafka \"a\"): broker down)", false)),
                Arguments.of("a nil result with a fallback serves fallback.replicas × target",
                        composite("a ?? b", 1.5, "a", "b"), inputs(new PastThreshold(), new PastThreshold()),
                        fallback(0, 3, FallbackBehavior.SCALING_MODIFIERS), new Value(4.5)),
                Arguments.of("a nil result without a fallback fails with KEDA's message",
                        composite("a ?? b", 2, "a", "b"), inputs(new Absent(), new Absent()), NO_FALLBACK,
                        new Failed("scalingModifiers formula evaluated to nil but no fallback is configured", true)),
                // Edge cases
                Arguments.of("a division by zero (+Inf) gives the HPA no value instead of KEDA's most negative int64",
                        composite("a / b", 2, "a", "b"), inputs(new Read(4), new Read(0)), NO_FALLBACK,
                        new Failed("scalingModifiers formula returned +Inf (a division by zero?); the HPA is given no value rather"
                                + " than a wrong one", true)),
                Arguments.of("0 / 0 (NaN) gives the HPA no value",
                        composite("a / b", 2, "a", "b"), inputs(new Read(0), new Read(0)), NO_FALLBACK,
                        new Failed("scalingModifiers formula returned NaN (a division by zero?); the HPA is given no value rather"
                                + " than a wrong one", true)),
                Arguments.of("a missing value in arithmetic fails with expr-lang's run-time error",
                        composite("a + b", 2, "a", "b"), inputs(new Absent(), new Read(1)), NO_FALLBACK,
                        new Failed("error trying to run custom formula: invalid operation: <nil> + float64 (1:9)\n"
                                + " | float(a + b)\n | ........^", true)),
                Arguments.of("a formula that returns an int at run time fails with KEDA's message",
                        composite("float(a) > 1 ? 1 : 2.5", 2, "a"), inputs(new Read(5)), NO_FALLBACK,
                        new Failed("formula returned non-float result int (1)", true)),
                Arguments.of("a negative result is kept for activity and served as 0",
                        composite("a - b", 2, "a", "b"), inputs(new Read(2), new Read(5)), NO_FALLBACK, new Value(-3)),
                Arguments.of("a result is truncated to milli units, as KEDA's SetMilli(int64(v*1000))",
                        composite("a / 3", 1, "a"), inputs(new Read(1)), NO_FALLBACK, new Value(0.333)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outcomes")
    void composesAsKedaDoes(String sentence, CompositeMetric composite, Map<String, Input> inputs, Optional<Fallback> fallback,
            Outcome expected) {
        assertThat(composite.compose(inputs, fallback)).isEqualTo(expected);
    }

    /** formula_test.go TestScalingModifierTriggerValue: threshold 3, the metric's value 7. */
    static Stream<Arguments> triggerValues() {
        Reading seven = Reading.ok("s0-metric", List.of(MetricValue.of("s0-metric", 7)), true, Instant.EPOCH);
        Reading failed = Reading.failed("s0-metric", Instant.EPOCH, "boom", false);
        Optional<Fallback> modifiers = fallback(3, 5, FallbackBehavior.SCALING_MODIFIERS);
        return Stream.of(
                Arguments.of("no fallback: the value", seven, 0, NO_FALLBACK, new Read(7)),
                Arguments.of("no failures recorded: the value", seven, 0, modifiers, new Read(7)),
                Arguments.of("read fine: the value, whatever failed before", seven, 0, modifiers, new Read(7)),
                Arguments.of("failing 2 times of threshold 3: an error", failed, 2, modifiers, new Failing("trigger", "boom")),
                Arguments.of("failing 3 times of threshold 3: still an error", failed, 3, modifiers, new Failing("trigger", "boom")),
                Arguments.of("failing 4 times of threshold 3: nil", failed, 4, modifiers, new PastThreshold()),
                Arguments.of("failing 5 times of threshold 3: nil", failed, 5, modifiers, new PastThreshold()),
                Arguments.of("failing without a fallback: an error however often", failed, 9, NO_FALLBACK, new Failing("trigger", "boom")),
                Arguments.of("read fine without a value: nil", Reading.ok("s0-metric", List.of(), false, Instant.EPOCH), 0,
                        NO_FALLBACK, new Absent()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("triggerValues")
    void turnsAReadingIntoAFormulaInput(String sentence, Reading reading, int failures, Optional<Fallback> fallback, Input expected) {
        assertThat(CompositeMetric.input(reading, failures, fallback, "trigger")).isEqualTo(expected);
    }

    /**
     * The e2e {@code tests/internals/scaling_modifiers} steps: {@code metrics_api + kw_trig}, target 2, activation 2,
     * fallback 5 after 3 failures; the replicas are what the HPA computes from the served value.
     */
    static Stream<Arguments> e2eSteps() {
        CompositeMetric sum = composite("metrics_api + kw_trig", 2, 2, MetricTargetType.AVERAGE_VALUE, "metrics_api", "kw_trig");
        CompositeMetric count = composite("count([metrics_api, kw_trig], {#>1}) > 1 ? 5 : 0", 2, 2,
                MetricTargetType.AVERAGE_VALUE, "metrics_api", "kw_trig");
        Optional<Fallback> fallback = fallback(3, 5, FallbackBehavior.STATIC);
        return Stream.of(
                Arguments.of("0 + 2 is not above the activation target: stays at 0", sum, inputs(new Read(0), new Read(2)), fallback, false, 0),
                Arguments.of("3 + 2 = 5 activates and the HPA asks for 3", sum, inputs(new Read(3), new Read(2)), fallback, true, 3),
                Arguments.of("the metrics API down past its threshold: the fallback's 5", sum,
                        inputs(new PastThreshold(), new Read(2)), fallback, true, 5),
                Arguments.of("2 + 2 = 4: the HPA asks for 2", sum, inputs(new Read(2), new Read(2)), fallback, true, 2),
                Arguments.of("count over (2, 0) is 0: inactive", count, inputs(new Read(2), new Read(0)), fallback, false, 0),
                Arguments.of("count over (2, 2) is 5: the HPA asks for 3", count, inputs(new Read(2), new Read(2)), fallback, true, 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("e2eSteps")
    void reachesTheReplicasOfKedasEndToEndTest(String sentence, CompositeMetric composite, Map<String, Input> inputs,
            Optional<Fallback> fallback, boolean active, int replicas) {
        Outcome outcome = composite.compose(inputs, fallback);
        MilliValue served = outcome instanceof Value value ? value.served()
                : composite.fallbackValue(fallback.orElseThrow(), OptionalInt.of(1)).orElseThrow();
        boolean isActive = outcome instanceof FallBack || composite.active((Value) outcome);

        assertThat(isActive).isEqualTo(active);
        assertThat(active ? hpaReplicas(composite, served, 1) : 0).isEqualTo(replicas);
    }

    /** The e2e {@code fallback_scaling_modifiers_test.go}: {@code primary ?? secondary ?? 8}, target 2, values 16 and 12. */
    @Test
    void theFallbackChainOfKedasEndToEndTestGivesEightSixFourEight() {
        CompositeMetric chain = composite("primary ?? secondary ?? 8", 2, "primary", "secondary");
        Optional<Fallback> fallback = fallback(3, 4, FallbackBehavior.SCALING_MODIFIERS);
        List<Map<String, Input>> steps = List.of(inputs(new Read(16), new Read(12)), inputs(new PastThreshold(), new Read(12)),
                inputs(new PastThreshold(), new PastThreshold()), inputs(new Read(16), new Read(12)));

        List<Integer> replicas = steps.stream()
                .map(step -> hpaReplicas(chain, ((Value) chain.compose(step, fallback)).served(), 4)).toList();

        assertThat(replicas).containsExactly(8, 6, 4, 8);
    }

    @Test
    void aValueTargetFallbackDividesByTheReadyPods() {
        CompositeMetric value = composite("a", 2, 0, MetricTargetType.VALUE, "a");

        assertThat(value.fallbackValue(new Fallback(1, 6, FallbackBehavior.STATIC), OptionalInt.of(3)))
                .contains(new MilliValue(4000));
        assertThat(value.fallbackValue(new Fallback(1, 6, FallbackBehavior.STATIC), OptionalInt.of(0))).isEmpty();
    }

    @Test
    void aNegativeValueIsServedAsZero() {
        assertThat(new Value(-3).served()).isEqualTo(MilliValue.ZERO);
        assertThat(new Value(2.5).served()).isEqualTo(new MilliValue(2500));
    }

    private static int hpaReplicas(CompositeMetric composite, MilliValue served, int current) {
        MetricSpec spec = new MetricSpec(CompositeMetric.NAME, composite.targetType(), composite.target());
        return HpaReplicaCalculator.desiredReplicas(List.of(MetricReading.sampled(spec, served)), ScaleTargetState.steady(current),
                Tolerance.DEFAULT).replicas();
    }
}
