package dev.tide.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Formulas written to reach past their variables, or to cost unbounded time or stack: each one is refused when it
 * compiles (or, for work that only shows at run time, stopped while it runs) with a {@link FormulaException} that
 * says why, and never with a {@link StackOverflowError} or another unchecked surprise.
 */
class HostileFormulasTest {

    private static final Set<String> TRIGGERS = Set.of("a", "b");

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '\0', commentCharacter = '%', textBlock = """
            a.getClass() => member access .getClass is not supported in formulas (1:2)
            a.getClass().forName("java.lang.Runtime") => member access .getClass is not supported in formulas (1:2)
            T(java.lang.Runtime).getRuntime().exec("id") => member access .lang is not supported in formulas (1:7)
            java.lang.Runtime.getRuntime() => member access .lang is not supported in formulas (1:5)
            #{T(java.lang.System).exit(0)} => unexpected token Operator("#") (1:1)
            ${7*7} => unexpected token Bracket("{") (1:2)
            a?.class => member access ?.class is not supported in formulas (1:2)
            a["class"] => indexing is not supported in formulas (1:2)
            [a][0] => indexing is not supported in formulas (1:4)
            $env => $env is not supported in formulas (1:1)
            $env.PATH => member access .PATH is not supported in formulas (1:5)
            {"class": a} => a map literal is not supported in formulas (1:1)
            "java.lang.Runtime" => string literals are not supported in formulas (1:1)
            exec("rm -rf /") => string literals are not supported in formulas (1:6)
            eval(a) => unknown name eval (1:1)
            Runtime(a) => unknown name Runtime (1:1)
            getClass => unknown name getClass (1:1)
            toJSON(a) => builtin toJSON is not supported in formulas (1:1)
            now() => builtin now is not supported in formulas (1:1)
            reduce([a], #acc + #) => builtin reduce is not supported in formulas (1:1)
            a | abs() => operator | is not supported in formulas (1:3)
            1..1000000000 => operator .. is not supported in formulas (1:2)
            a in [a] => operator in is not supported in formulas (1:3)
            a ; b; getClass() => unknown name getClass (1:8)
            `raw` => string literals are not supported in formulas (1:1)
            a \\u002e getClass() => unrecognized character: U+005C '\\' (1:3)
            """)
    void refusesAFormulaThatReachesForAnythingButItsVariables(String formula, String message) {
        assertThatThrownBy(() -> Formula.compile(formula, TRIGGERS))
                .isExactlyInstanceOf(FormulaException.class)
                .extracting(e -> e.getMessage().lines().findFirst().orElseThrow())
                .isEqualTo(message);
    }

    @Test
    void refusesAHundredThousandCharacterFormulaBeforeReadingIt() {
        String formula = "a + ".repeat(25_000);

        assertThatThrownBy(() -> Formula.compile(formula, TRIGGERS))
                .isExactlyInstanceOf(FormulaException.class)
                .hasMessage("formula is too long: 100000 characters, the limit is 4096");
    }

    @Test
    void refusesTenThousandNestedParenthesesWithoutOverflowingTheStack() {
        String formula = "(".repeat(10_000) + "a" + ")".repeat(10_000);

        assertThatThrownBy(() -> Formula.compile(formula, TRIGGERS))
                .isExactlyInstanceOf(FormulaException.class)
                .hasMessage("formula is too long: 20001 characters, the limit is 4096");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", textBlock = """
            parentheses => (
            unary minus => -
            negation => !
            a function => abs(
            an array => [
            """)
    void refusesNestingBeyondTheLimitThatFitsInTheLengthLimit(String what, String opener) {
        String closer = opener.equals("(") || opener.equals("abs(") ? ")" : opener.equals("[") ? "]" : "";
        String formula = opener.repeat(500) + "a" + closer.repeat(500);

        assertThatThrownBy(() -> Formula.compile(formula, TRIGGERS))
                .isExactlyInstanceOf(FormulaException.class)
                .hasMessage("formula is nested too deeply: more than 64 levels of brackets, calls or operators");
    }

    @Test
    void refusesRightAssociativeAndTernaryChainsBeyondTheNestingLimit() {
        assertThatThrownBy(() -> Formula.compile("a" + " ** a".repeat(500), TRIGGERS))
                .hasMessageStartingWith("formula is nested too deeply: more than 64 levels");
        assertThatThrownBy(() -> Formula.compile("a > 1 ? a : ".repeat(200) + "b", TRIGGERS))
                .hasMessageStartingWith("formula is nested too deeply: more than 64 levels");
    }

    @Test
    void acceptsNestingUpToTheLimit() {
        String formula = "(".repeat(60) + "a" + ")".repeat(60);

        assertThat(Formula.compile(formula, TRIGGERS).evaluate(Map.of("a", 2.0))).hasValue(2.0);
    }

    @Test
    void refusesAnOperatorChainDeeperThanTheTreeDepthLimit() {
        String formula = "a" + " + a".repeat(128);

        assertThatThrownBy(() -> Formula.compile(formula, TRIGGERS))
                .isExactlyInstanceOf(FormulaException.class)
                .hasMessageStartingWith("formula is nested too deeply: its expression tree is more than 128 levels");
    }

    @Test
    void refusesAFormulaWithMoreThanAThousandNodes() {
        String formula = "[" + "a, ".repeat(1000) + "b]";

        assertThatThrownBy(() -> Formula.compile(formula, TRIGGERS))
                .isExactlyInstanceOf(FormulaException.class)
                .hasMessage("formula is too large: more than 1000 nodes");
    }

    @Test
    void stopsNestedPredicatesThatWouldIterateMoreThanTheBudget() {
        String list = "[" + "a, ".repeat(49) + "a]";
        String formula = "count(" + list + ", {count(" + list + ", {count(" + list + ", {# > 0}) == 0}) == 0})";
        Formula compiled = Formula.compile(formula, TRIGGERS);

        assertThatThrownBy(() -> compiled.evaluateValue(Map.of("a", 1.0)))
                .isExactlyInstanceOf(FormulaException.class)
                .hasMessageStartingWith("formula evaluation exceeded 100000 predicate iterations");
    }

    @Test
    void stopsAFormulaThatBuildsMoreListElementsThanExprLangsMemoryBudget() {
        String list = "[" + "a, ".repeat(119) + "a]";
        String hundred = "[" + "a, ".repeat(99) + "a]";
        Formula compiled = Formula.compile("len(map(" + list + ", {map(" + list + ", {" + hundred + "})}))", TRIGGERS);

        assertThatThrownBy(() -> compiled.evaluateValue(Map.of("a", 1.0)))
                .isExactlyInstanceOf(FormulaException.class)
                .hasMessageStartingWith("memory budget exceeded (1:739)");
    }

    /** Chains of expr-lang's optimizer rewrites, each built on checked children, as deep as the limits allow. */
    static Stream<Arguments> chainsOfRewrites() {
        return Stream.of(
                Arguments.of("folded logical operators", "a > 0" + " or false".repeat(120)),
                Arguments.of("nested sums of lists", "sum([a, ".repeat(30) + "a" + "])".repeat(30)),
                Arguments.of("nested merged predicates", "all([a], {# > 0 && ".repeat(20) + "true"
                        + "}) && all([a], {true})".repeat(20)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chainsOfRewrites")
    void compilesChainsOfOptimizerRewritesInLinearTime(String what, String formula) {
        Formula compiled = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Formula.compile(formula, TRIGGERS));

        assertThat(compiled.evaluateValue(Map.of("a", 1.0))).isNotNull();
    }

    /** The deepest formula the limits allow, compiled and run on a thread with half the JVM's default stack. */
    @Test
    void compilesAndRunsTheDeepestAllowedFormulaOnASmallStack() throws InterruptedException {
        String chain = "a" + " + a".repeat(126);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                Map<String, Double> values = new HashMap<>();
                values.put("a", 1.0);
                outcome.set(Formula.compile(Formula.kedaRewrite(chain), TRIGGERS).evaluate(values).getAsDouble());
            } catch (Throwable e) {
                outcome.set(e);
            }
        }, "small-stack", 512 * 1024);
        thread.start();
        thread.join();

        assertThat(outcome.get()).isEqualTo(127.0);
    }

    @Test
    void compilesAFormulaOfExactlyTheLengthLimit() {
        String formula = "a" + " + b".repeat(120) + " ".repeat(4096 - 1 - 4 * 120);

        assertThatCode(() -> Formula.compile(formula, TRIGGERS)).doesNotThrowAnyException();
        assertThat(formula).hasSize(4096);
    }
}
