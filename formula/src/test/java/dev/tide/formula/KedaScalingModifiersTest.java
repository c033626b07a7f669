package dev.tide.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * KEDA's scalingModifiers as KEDA's own tests, docs and end-to-end tests use them: every formula of
 * {@code apis/keda/v1alpha1/scaledobject_webhook_test.go}, {@code pkg/scaling/modifiers/formula_test.go},
 * {@code pkg/scaling/scale_handler_test.go}, the docs ({@code concepts/scaling-deployments.md}, the RabbitMQ
 * scaler page) and {@code tests/internals/scaling_modifiers} and {@code tests/internals/fallback}. Each formula
 * goes through {@link Formula#kedaRewrite} first, as KEDA compiles it; expected values were checked against
 * expr-lang v1.17.8.
 */
class KedaScalingModifiersTest {

    @ParameterizedTest(name = "{0} becomes {1}")
    @CsvSource(delimiterString = " => ", textBlock = """
            a + b => float(a + b)
            float(a + 1) => float(a + 1)
            float(a) > 1 ? 1 : 2 => float(a) > 1 ? 1 : 2
            float(a) + 1 => float(a) + 1
            (a) => float((a))
            a ?? b => let _kedaCompositeResult = (a ?? b); _kedaCompositeResult == nil ? nil : float(_kedaCompositeResult)
            float(a ?? 1) => let _kedaCompositeResult = (float(a ?? 1)); _kedaCompositeResult == nil ? nil : float(_kedaCompositeResult)
            let _kedaCompositeResult = (a ?? b); x => let _kedaCompositeResult = (a ?? b); x
            """)
    void rewritesTheFormulaAsKedasCastToFloatIfNecessaryDoes(String formula, String rewritten) {
        assertThat(Formula.kedaRewrite(formula)).isEqualTo(rewritten);
    }

    /** The webhook's accepted ScaledObjects (target 2): the formula and the names of its named triggers. */
    @ParameterizedTest(name = "{0} over {1} is accepted")
    @CsvSource(delimiterString = " | ", textBlock = """
            workload_trig + cron_trig | workload_trig cron_trig
            workload_trig + 1 | workload_trig
            float(workload_trig + 1) | workload_trig
            float(workload_trig < 5 ? cron_trig + workload_trig : 5) | cron_trig workload_trig
            workload_trig < 5 ? cron_trig + workload_trig : 5 | cron_trig workload_trig
            count([trig_one,trig_two],{#>1}) > 1 ? 5 : 0 | trig_one trig_two
            float(trig_one < 2 ? trig_one+trig_two >= 2 ? 5 : 10 : 0) | trig_one trig_two
            float(float(trig_two < 5 ? trig_one + trig_two : 5)) | trig_one trig_two
            trig_one ?? trig_two ?? 5 | trig_one trig_two
            workload_trig_1 + workload_trig_2 | workload_trig_1 workload_trig_2
            """)
    void acceptsTheFormulasKedasWebhookAccepts(String formula, String triggers) {
        assertThatCode(() -> Formula.compileAndDryRun(Formula.kedaRewrite(formula), names(triggers)))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} over [{1}] is refused: {2}")
    @CsvSource(delimiterString = " | ", textBlock = """
            workload_trig + cron_trig |  | unknown name workload_trig (1:7)
            cpu |  | unknown name cpu (1:7)
            float(int(a) % int(a + 1)) | a | runtime error: integer divide by zero (1:14)
            max(1, 2) | max | float64 is not callable (1:7)
            """)
    void refusesWhatKedasValidationRefusesWithExprLangsMessage(String formula, String triggers, String message) {
        // Unnamed triggers and cpu/memory triggers are no variables; the dry run sets every variable to -1.
        assertThatThrownBy(() -> Formula.compileAndDryRun(Formula.kedaRewrite(formula), names(triggers)))
                .isInstanceOf(FormulaException.class)
                .hasMessageStartingWith(message);
    }

    @ParameterizedTest(name = "{0} with {1} is {2}")
    @CsvSource(delimiterString = " | ", textBlock = """
            trigger1 + trigger2 | trigger1=2 trigger2=5 | 7
            trigger_one + trigger_two | trigger_one=2 trigger_two=5 | 7
            (trig_one + trig_two)/2 | trig_one=3 trig_two=5 | 4
            trig_one > 2 ? trig_one + trig_two : 1 | trig_one=3 trig_two=1 | 4
            trig_one > 2 ? trig_one + trig_two : 1 | trig_one=2 trig_two=1 | 1
            count([trig_one,trig_two,trig_three],{#>1}) > 1 ? 5 : 0 | trig_one=2 trig_two=2 trig_three=0 | 5
            count([trig_one,trig_two,trig_three],{#>1}) > 1 ? 5 : 0 | trig_one=2 trig_two=0 trig_three=0 | 0
            trig_one < 2 ? trig_one+trig_two >= 2 ? 5 : 10 : 0 | trig_one=1 trig_two=1 | 5
            trig_one < 2 ? trig_one+trig_two >= 2 ? 5 : 10 : 0 | trig_one=1 trig_two=0 | 10
            trig_one < 2 ? trig_one+trig_two >= 2 ? 5 : 10 : 0 | trig_one=3 trig_two=0 | 0
            best_metric ?? slower_metric ?? metric_backup ?? 8 | best_metric=nil slower_metric=3 metric_backup=4 | 3
            best_metric ?? slower_metric ?? metric_backup ?? 8 | best_metric=1 slower_metric=nil metric_backup=nil | 1
            best_metric ?? slower_metric ?? metric_backup ?? 8 | best_metric=nil slower_metric=nil metric_backup=nil | 8
            max(p2d_ratio, qlen/1000) | p2d_ratio=0.8 qlen=2500 | 2.5
            metrics_api + kw_trig | metrics_api=0 kw_trig=2 | 2
            metrics_api + kw_trig | metrics_api=3 kw_trig=2 | 5
            metrics_api + kw_trig | metrics_api=2 kw_trig=2 | 4
            count([kw_trig,metrics_api],{#>1}) > 1 ? 5 : 0 | kw_trig=2 metrics_api=0 | 0
            count([kw_trig,metrics_api],{#>1}) > 1 ? 5 : 0 | kw_trig=2 metrics_api=2 | 5
            primary ?? secondary ?? 8 | primary=16 secondary=12 | 16
            primary ?? secondary ?? 8 | primary=nil secondary=12 | 12
            primary ?? secondary ?? 8 | primary=nil secondary=nil | 8
            a / b | a=3 b=0 | Infinity
            a / b | a=-3 b=0 | -Infinity
            a / b | a=0 b=0 | NaN
            a + b | a=NaN b=1 | NaN
            a ?? b | a=absent b=1 | 1
            """)
    void evaluatesAsKedaDoes(String formula, String values, double expected) {
        OptionalDouble result = compile(formula, values).evaluate(values(values));

        assertThat(result).hasValue(expected);
    }

    @ParameterizedTest(name = "{0} with {1} is nil")
    @CsvSource(delimiterString = " | ", textBlock = """
            trigger1 ?? trigger2 | trigger1=nil trigger2=nil
            a ?? b ?? nil | a=nil b=absent
            """)
    void evaluatesToNothingWhenEveryValueOfACoalescingChainIsNil(String formula, String values) {
        // KEDA then serves fallback.replicas × target, or fails when there is no fallback.
        assertThat(compile(formula, values).evaluate(values(values))).isEmpty();
    }

    @ParameterizedTest(name = "{0} with {1} fails: {2}")
    @CsvSource(delimiterString = " | ", textBlock = """
            float(a) > 1 ? 1 : 2 | a=3 | formula returned non-float result int (1)
            float(a) > 1 | a=3 | formula returned non-float result bool (true)
            a + b | a=absent b=1 | invalid operation: <nil> + float64 (1:9)
            a + b | a=nil b=1 | invalid operation: <nil> + float64 (1:9)
            count([a, b], {# > 1}) > 1 ? 1 : 0 | a=2 b=nil | invalid operation: <nil> > int (1:24)
            """)
    void failsAsKedaDoesWhenTheFormulaCannotProduceAFloat(String formula, String values, String message) {
        Formula compiled = compile(formula, values);

        assertThatThrownBy(() -> compiled.evaluate(values(values)))
                .isInstanceOf(FormulaException.class)
                .hasMessageStartingWith(message);
    }

    private static Formula compile(String formula, String values) {
        return Formula.compile(Formula.kedaRewrite(formula), names(values.replaceAll("=\\S*", "")));
    }

    private static Set<String> names(String triggers) {
        return triggers == null ? Set.of() : new LinkedHashSet<>(Arrays.asList(triggers.split(" ")));
    }

    /**
     * {@code name=value} pairs; {@code nil} is a trigger past its fallback threshold (KEDA puts nil in the data),
     * {@code absent} one whose metric is missing from the data altogether. Both are nil to the formula.
     */
    private static Map<String, Double> values(String pairs) {
        Map<String, Double> values = new HashMap<>();
        for (String pair : pairs.split(" ")) {
            String[] nameValue = pair.split("=", 2);
            if (!nameValue[1].equals("absent")) {
                values.put(nameValue[0], nameValue[1].equals("nil") ? null : Double.valueOf(nameValue[1]));
            }
        }
        return values;
    }
}
