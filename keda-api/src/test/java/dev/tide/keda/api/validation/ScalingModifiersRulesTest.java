package dev.tide.keda.api.validation;

import static dev.tide.keda.api.validation.KedaFixtures.DEPLOYMENT;
import static dev.tide.keda.api.validation.KedaFixtures.WORKLOAD_NAME;
import static dev.tide.keda.api.validation.KedaFixtures.cluster;
import static dev.tide.keda.api.validation.KedaFixtures.create;
import static dev.tide.keda.api.validation.KedaFixtures.cron;
import static dev.tide.keda.api.validation.KedaFixtures.podSpec;
import static dev.tide.keda.api.validation.KedaFixtures.scaledObjectScalingModifiers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.keda.api.Advanced.ScalingModifiers;
import dev.tide.keda.api.ScaleTrigger;
import dev.tide.keda.api.ScaleTrigger.MetricType;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scalingModifiers checks beyond KEDA's webhook table: each step of {@code ValidateAndCompileScalingModifiers}
 * (keda-breadth §1.1) with the field it blames and KEDA's message, and Tide's check of {@code activationTarget}.
 */
class ScalingModifiersRulesTest {

    private static final String FORMULA = "error validating formula in ScalingModifiers\n";
    private static final String TARGET = "error validating target in ScalingModifiers\n"
            + "error converting target for scalingModifiers (string->float) to valid target: ";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a formula over two named triggers is admitted", modifiers("a + b", "5", null, null), null, null),
                Arguments.of("a target written with an exponent is admitted", modifiers("a + b", "5e1", null, null), null, null),
                Arguments.of("a Value metric type is admitted", modifiers("a + b", "5", null, MetricType.Value), null, null),
                Arguments.of("an activation target with a fraction is admitted", modifiers("a + b", "5", "2.5", null), null, null),
                Arguments.of("the docs' ?? chain with a literal at its end is admitted", modifiers("a ?? b ?? 8", "2", null, null), null, null),
                Arguments.of("the docs' count() over a list of triggers is admitted",
                        modifiers("count([a, b], {# > 1}) > 1 ? 5 : 0", "2", null, null), null, null),
                Arguments.of("rabbitmq's max() of two ratios is admitted", modifiers("max(a, b / 1000)", "1.2", null, MetricType.Value), null, null),
                Arguments.of("a formula that names no trigger of this object is refused with expr-lang's position",
                        modifiers("a + c", "5", null, null), "spec.advanced.scalingModifiers.formula",
                        FORMULA + "unknown name c (1:11)\n | float(a + c)\n | ..........^"),
                Arguments.of("a formula naming the cpu trigger is refused: cpu and memory are never variables",
                        modifiersWithCpu("a + load", "5"), "spec.advanced.scalingModifiers.formula",
                        FORMULA + "unknown name load (1:11)\n | float(a + load)\n | ..........^"),
                Arguments.of("a formula that does not parse is refused with expr-lang's syntax error",
                        modifiers("a +", "5", null, null), "spec.advanced.scalingModifiers.formula",
                        FORMULA + "unexpected token Bracket(\")\") (1:10)\n | float(a +)\n | .........^"),
                Arguments.of("a formula calling something that is no builtin is refused",
                        modifiers("exec(a)", "5", null, null), "spec.advanced.scalingModifiers.formula",
                        FORMULA + "unknown name exec (1:7)\n | float(exec(a))\n | ......^"),
                Arguments.of("a formula that fails on its dry run with every trigger at -1 is refused",
                        modifiers("int(a) % int(b + 1)", "5", null, null), "spec.advanced.scalingModifiers.formula",
                        FORMULA + "runtime error: integer divide by zero (1:14)\n | float(int(a) % int(b + 1))\n | .............^"),
                Arguments.of("a target that is no number is refused with Go's parse error",
                        modifiers("a + b", "five", null, null), "spec.advanced.scalingModifiers.target",
                        TARGET + "strconv.ParseFloat: parsing \"five\": invalid syntax"),
                Arguments.of("a target with a space before it is refused, as Go parses it",
                        modifiers("a + b", " 5", null, null), "spec.advanced.scalingModifiers.target",
                        TARGET + "strconv.ParseFloat: parsing \" 5\": invalid syntax"),
                Arguments.of("a target of 0 is refused with KEDA's nil error",
                        modifiers("a + b", "0", null, null), "spec.advanced.scalingModifiers.target", TARGET + "%!w(<nil>)"),
                Arguments.of("a negative target is refused with KEDA's nil error",
                        modifiers("a + b", "-2", null, null), "spec.advanced.scalingModifiers.target", TARGET + "%!w(<nil>)"),
                Arguments.of("a Utilization metric type is refused: the composite is an External metric",
                        modifiers("a + b", "5", null, MetricType.Utilization), "spec.advanced.scalingModifiers.target",
                        "error validating target in ScalingModifiers\n"
                                + "error trigger type is Utilization, but it needs to be AverageValue or Value for external metrics"),
                Arguments.of("an activation target that is no number is refused up front (KEDA fails every pass instead)",
                        modifiers("a + b", "5", "high", null), "spec.advanced.scalingModifiers.activationTarget",
                        "must be a number, got \"high\" (strconv.ParseFloat: parsing \"high\": invalid syntax)"),
                Arguments.of("an activation target alone demands a formula, as KEDA's IsUsingModifiers says",
                        modifiers(null, null, "1", null), "spec.advanced.scalingModifiers.formula", "error ScalingModifiers.Formula is mandatory"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void checksScalingModifiersAsKedaDoes(String sentence, KedaFixtures.Admission admission, String field, String message) {
        Verdict verdict = admission.judge();
        if (field == null) {
            assertThat(verdict.errors()).isEmpty();
        } else {
            assertThat(verdict.errors()).singleElement().satisfies(finding -> {
                assertThat(finding.field()).isEqualTo(field);
                assertThat(finding.message()).isEqualTo(message);
            });
        }
    }

    private static KedaFixtures.Admission modifiers(String formula, String target, String activation, MetricType type) {
        return admission(new ScalingModifiers(formula, target, activation, type), cron("a"), cron("b"));
    }

    private static KedaFixtures.Admission modifiersWithCpu(String formula, String target) {
        ScaleTrigger load = new ScaleTrigger("cpu", "load", Map.of("value", "50"), null, MetricType.Utilization, null);
        return admission(new ScalingModifiers(formula, target, null, null), cron("a"), load);
    }

    private static KedaFixtures.Admission admission(ScalingModifiers modifiers, ScaleTrigger... triggers) {
        return create(scaledObjectScalingModifiers(modifiers, triggers), cluster().withWorkload(DEPLOYMENT, WORKLOAD_NAME, podSpec(true, true)));
    }
}
