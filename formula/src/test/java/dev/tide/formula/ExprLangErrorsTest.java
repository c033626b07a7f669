package dev.tide.formula;

import static dev.tide.formula.ExprLangParityTest.ENVIRONMENT;
import static dev.tide.formula.ExprLangParityTest.compile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The errors expr-lang v1.17.8 reports, word for word and at the same line and column, produced the same way as
 * {@link ExprLangParityTest}'s rows. Each row gives the first line of the message; the source line and caret that
 * follow are checked once, in the tests at the end.
 */
class ExprLangErrorsTest {

    @ParameterizedTest(name = "{0} does not compile: {1}")
    @CsvSource(delimiterString = " -> ", commentCharacter = '%', textBlock = """
            a % 2 -> invalid operation: % (mismatched types float64 and int) (1:3)
            1 % 0 -> integer divide by zero (1:3)
            5 % (2 - 2) -> integer divide by zero (1:3)
            !c -> invalid operation: ! (mismatched type float64) (1:1)
            a ? 1 : 2 -> non-bool expression (type float64) used as condition (1:1)
            len(a) -> invalid argument for len (type float64) (1:1)
            float(true) -> invalid argument for float (type bool) (1:1)
            float(nil) -> invalid argument for float (type %!s(<nil>)) (1:1)
            max() -> not enough arguments to call max (1:1)
            max(true) -> invalid argument for max (type bool) (1:1)
            let a = 1; a -> cannot redeclare a (1:5)
            let max = 1; max -> cannot redeclare builtin max (1:5)
            let x = 1; let x = 2; x -> cannot redeclare variable x (1:16)
            a ?: b -> non-bool expression (type float64) used as condition (1:1)
            1e400 -> invalid float literal: strconv.ParseFloat: parsing "1e400": value out of range (1:5)
            99999999999999999999 -> invalid integer literal: strconv.ParseInt: parsing "99999999999999999999": value out of range (1:20)
            0xFFFFFFFFFFFFFFFF -> invalid hex literal: strconv.ParseInt: parsing "0xFFFFFFFFFFFFFFFF": value out of range (1:18)
            1e -> invalid float literal: strconv.ParseFloat: parsing "1e": invalid syntax (1:2)
            12abc -> bad number syntax: "12a" (1:3)
            a + -> unexpected token EOF (1:3)
            (a -> unexpected token EOF (1:2)
            a) -> unexpected token Bracket(")") (1:2)
            @ -> unrecognized character: U+0040 '@' (1:1)
            #{a} -> unexpected token Operator("#") (1:1)
            foo(a) -> unknown name foo (1:1)
            a(1) -> float64 is not callable (1:1)
            count(a, # > 1) -> builtin count takes only array (got float64) (1:7)
            count([a], {nil}) -> predicate should has one input and one output param (1:12)
            count([a], {1}) -> predicate should return boolean (got int) (1:12)
            all([a], # + 1) -> predicate should return boolean (got float64) (1:10)
            # > 1 -> unexpected token Operator("#") (1:1)
            a ?? b + 1 -> Operator (+) and coalesce expressions (??) cannot be mixed. Wrap either by parentheses. (1:8)
            not a -> invalid operation: not (mismatched type float64) (1:1)
            -true -> invalid operation: - (mismatched type bool) (1:1)
            true + 1 -> invalid operation: + (mismatched types bool and int) (1:6)
            nil + 1 -> invalid operation: + (mismatched types unknown and int) (1:5)
            a + true -> invalid operation: + (mismatched types float64 and bool) (1:3)
            !a -> invalid operation: ! (mismatched type float64) (1:1)
            a && b -> invalid operation: && (mismatched types float64 and float64) (1:3)
            a ? b : c -> non-bool expression (type float64) used as condition (1:1)
            1 /* unclosed -> unclosed comment (1:14)
            x -> unknown name x (1:1)
            float(x + 1) -> unknown name x (1:7)
            a +\\n b + -> unexpected token EOF (2:4)
            count(nil, # > 1) -> builtin count takes only array (got unknown) (1:7)
            +true -> invalid operation: + (mismatched type bool) (1:1)
            count([a, b], {#index > 0}) -> unknown pointer #index (1:16)
            count([a, b], {#acc > 0}) -> unknown pointer #acc (1:16)
            let x = 1; x(2) -> int is not callable (1:12)
            max(1)(2) -> unexpected token Bracket("(") (1:7)
            let x = 1 -> unexpected token EOF (1:9)
            let x = 1; -> unexpected token EOF (1:10)
            ;a -> unexpected token Operator(";") (1:1)
            (a;) -> unexpected token Bracket(")") (1:4)
            count([a], {a;b}) -> predicate should return boolean (got float64) (1:12)
            count([a], a;b) -> wrap predicate with brackets { and } (1:13)
            if a { 1 } else { 2 } -> non-bool expression (type float64) used as condition (1:4)
            if a > 1 { 1 } -> unexpected token EOF (1:14)
            a > 1 ? 1 -> unexpected token EOF (1:9)
            1 + 2 * 3 - 4 / 2 % 3 -> invalid operation: % (mismatched types float64 and int) (1:19)
            abs(true) -> invalid argument for abs (type bool) (1:1)
            ceil(true) -> invalid argument for ceil (type bool) (1:1)
            int(true) -> invalid argument for int (type bool) (1:1)
            float([a]) -> invalid argument for float (type []interface {}) (1:1)
            len(1) -> invalid argument for len (type int) (1:1)
            len(nil) -> invalid argument for len (type %!s(<nil>)) (1:1)
            len() -> invalid number of arguments (expected 1, got 0) (1:1)
            abs(1, 2) -> invalid number of arguments (expected 1, got 2) (1:1)
            round() -> invalid number of arguments (expected 1, got 0) (1:1)
            max(a, true) -> invalid argument for max (type bool) (1:1)
            mean() -> not enough arguments to call mean (1:1)
            median(a, nil) -> invalid argument for median (type %!s(<nil>)) (1:1)
            count(1, # > 0) -> builtin count takes only array (got int) (1:7)
            filter(true, #) -> builtin filter takes only array (got bool) (1:8)
            sum(1) -> builtin sum takes only array (got int) (1:5)
            sum([a], {nil}) -> cannot use func(interface {}) as argument (type func(interface {}) bool) to call sum  (1:10)
            map([a], {nil}) -> predicate should has one input and one output param (1:10)
            all([a], {nil}) -> predicate should has one input and one output param (1:10)
            a € b -> unrecognized character: U+20AC '€' (1:3)
            0x -> invalid hex literal: strconv.ParseInt: parsing "0x": invalid syntax (1:2)
            0b102 -> bad number syntax: "0b102" (1:5)
            0o9 -> bad number syntax: "0o9" (1:3)
            1.5.5 -> unexpected token Number(".5") (1:4)
            1e5e5 -> bad number syntax: "1e5e" (1:4)
            -9223372036854775808 -> invalid integer literal: strconv.ParseInt: parsing "9223372036854775808": value out of range (1:20)
            9223372036854775808 -> invalid integer literal: strconv.ParseInt: parsing "9223372036854775808": value out of range (1:19)
            a % 0 -> invalid operation: % (mismatched types float64 and int) (1:3)
            """)
    void refusesToCompileWithExprLangsMessage(String formula, String message) {
        assertThatThrownBy(() -> compile(formula))
                .isInstanceOf(FormulaException.class)
                .extracting(e -> e.getMessage().lines().findFirst().orElseThrow())
                .isEqualTo(message);
    }

    @ParameterizedTest(name = "{0} fails when it runs: {1}")
    @CsvSource(delimiterString = " -> ", commentCharacter = '%', textBlock = """
            int(a) % int(z) -> runtime error: integer divide by zero (1:8)
            c + 1 -> invalid operation: <nil> + int (1:3)
            1 + c -> invalid operation: int + <nil> (1:3)
            c > 1 -> invalid operation: <nil> > int (1:3)
            -c -> invalid operation: - <nil> (1:1)
            (c ?? 1) ? 1 : 2 -> interface conversion: interface {} is int, not bool (1:16)
            count([trig_one, c, trig_two, trig_three],{#>1}) > 1 ? 5 : 0 -> invalid operation: <nil> > int (1:45)
            count([trig_one, c],{#>1}) > 0 -> invalid operation: <nil> > int (1:23)
            count([a, b]) -> interface conversion: interface {} is float64, not bool (1:1)
            sum([a, c]) -> invalid operation: float64 + <nil> (1:1)
            sum([c, a]) -> invalid operation: <nil> + float64 (1:1)
            float(c) -> invalid operation: float(<nil>) (1:1)
            int(c) -> reflect: call of reflect.Value.Type on zero Value (1:1)
            abs(c) -> invalid argument for abs (type <nil>) (1:1)
            max(a, c) -> invalid argument for max (type <nil>) (1:1)
            mean(c) -> invalid argument for mean (type <nil>) (1:1)
            count(c ?? 1, # > 1) -> reflect: call of reflect.Value.Len on int Value (1:1)
            true && (a + c > 1) -> invalid operation: float64 + <nil> (1:12)
            count([a, b]) > 1 -> interface conversion: interface {} is float64, not bool (1:1)
            count([true, true, c]) > 1 -> interface conversion: interface {} is nil, not bool (1:1)
            count([true, c, true]) > 1 -> interface conversion: interface {} is nil, not bool (1:1)
            count([a, b, c], {# > 1}) == 2 -> invalid operation: <nil> > int (1:21)
            count([a, b, c], {# > 1}) > -1 -> invalid operation: <nil> > int (1:21)
            count([c, a], {# > 1}) > 0 -> invalid operation: <nil> > int (1:18)
            one([a, c], {# > 5}) -> invalid operation: <nil> > int (1:16)
            filter([a, c], {# > 3}) -> invalid operation: <nil> > int (1:19)
            map([a, c], {# > 3}) -> invalid operation: <nil> > int (1:16)
            sum([a, c], {#}) -> invalid operation: <nil> + float64 (1:1)
            min([a], true) -> invalid argument for min (type bool) (1:1)
            median(c) -> invalid argument for median (type <nil>) (1:1)
            mean([c]) -> invalid argument for mean (type <nil>) (1:1)
            max([c]) -> invalid argument for max (type <nil>) (1:1)
            max([a, [c]]) -> invalid argument for max (type <nil>) (1:1)
            max(c, c) -> invalid argument for max (type <nil>) (1:1)
            sum([1, 2], # > 1) -> invalid operation: bool + int (1:1)
            count([a]) -> interface conversion: interface {} is float64, not bool (1:1)
            count([c]) -> interface conversion: interface {} is nil, not bool (1:1)
            sum([a, b, c]) -> invalid operation: float64 + <nil> (1:1)
            sum([c, a, b]) -> invalid operation: <nil> + float64 (1:1)
            \\n a + \\n c -> invalid operation: float64 + <nil> (2:4)
            a +\\n\\n c -> invalid operation: float64 + <nil> (1:3)
            int(a) % 0 -> runtime error: integer divide by zero (1:8)
            int(a) % (1 - 1) -> runtime error: integer divide by zero (1:8)
            sum(map([a, c], {# * 2})) -> invalid operation: <nil> * int (1:20)
            count(c ?? 1, # > 1) > 0 -> reflect: call of reflect.Value.Len on int Value (1:22)
            count([a, c]) > 0 -> interface conversion: interface {} is float64, not bool (1:1)
            count([c, a], {# > 1}) > 1 -> invalid operation: <nil> > int (1:18)
            all([c, a], {# > 1}) && all([c, a], {# < 2}) -> invalid operation: <nil> > int (1:16)
            all([a], {a ?? 1}) && all([a], {# < 2}) -> interface conversion: interface {} is float64, not bool (1:1)
            all(c ?? 1, {# > 1}) && all(c ?? 1, {# < 2}) -> reflect: call of reflect.Value.Len on int Value (1:22)
            none([a, c], {# > 5}) and none([a, c], {# < 1}) -> invalid operation: <nil> > int (1:17)
            all([a, c], {# > 1}) && all([c, a], {# < 2}) -> invalid operation: <nil> > int (1:16)
            len(filter([c, a], {# > 1})) -> invalid operation: <nil> > int (1:23)
            none([c], {# > 1}) && none([c], {true}) -> invalid operation: <nil> > int (1:14)
            """)
    void failsAtRunTimeWithExprLangsMessage(String formula, String message) {
        Formula compiled = compile(formula);

        assertThatThrownBy(() -> compiled.evaluateValue(ENVIRONMENT))
                .isInstanceOf(FormulaException.class)
                .extracting(e -> e.getMessage().lines().findFirst().orElseThrow())
                .isEqualTo(message);
    }

    @Test
    void showsTheSourceLineAndACaretUnderTheColumn() {
        assertThatThrownBy(() -> compile("float(x + 1)"))
                .hasMessage("unknown name x (1:7)\n | float(x + 1)\n | ......^");
    }

    @Test
    void showsTheLineOfAMultiLineFormulaThatFailed() {
        assertThatThrownBy(() -> compile("a +\n b +"))
                .hasMessage("unexpected token EOF (2:4)\n |  b +\n | ...^");
    }

    @Test
    void replacesTabsInTheShownLineSoThatTheCaretLinesUp() {
        assertThatThrownBy(() -> compile("a +\tx"))
                .hasMessage("unknown name x (1:5)\n | a + x\n | ....^");
    }

    @Test
    void reportsAnEmptyFormulaWithoutAPositionAsExprLangDoes() {
        assertThatThrownBy(() -> compile("")).hasMessage("unexpected token EOF");
        assertThatThrownBy(() -> compile("   ")).hasMessage("unexpected token EOF (1:3)\n |    \n | ..^");
    }

    @Test
    void countsColumnsInCharactersNotBytes() {
        assertThat(catchMessage("é + ü")).startsWith("unknown name ü (1:5)");
    }

    private static String catchMessage(String formula) {
        try {
            compile(formula);
        } catch (FormulaException e) {
            return e.getMessage();
        }
        throw new AssertionError("compiled: " + formula);
    }
}
