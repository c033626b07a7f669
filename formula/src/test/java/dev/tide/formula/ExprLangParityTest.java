package dev.tide.formula;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Formulas evaluated against one environment, each row with the Go type and {@code %v} text that expr-lang v1.17.8
 * itself returned: the rows were produced by running expr-lang (the version KEDA builds with) on exactly these
 * formulas and values, with {@code expr.Compile(f, expr.Env(map[string]float64))} and {@code expr.Run} on a
 * {@code map[string]any} as KEDA's {@code formula.go} does (see {@code src/test/go/README.md}). Nothing here is
 * computed by hand; a row that fails is a difference from KEDA.
 */
class ExprLangParityTest {

    /** {@code c} and {@code d} are nil, as a trigger past its fallback threshold is for KEDA. */
    static final Map<String, Double> ENVIRONMENT = environment();

    private static Map<String, Double> environment() {
        Map<String, Double> values = new HashMap<>();
        values.put("a", 3.0);
        values.put("b", 4.0);
        values.put("c", null);
        values.put("d", null);
        values.put("n", Double.NaN);
        values.put("z", 0.0);
        values.put("m", -1.0);
        values.put("i", Double.POSITIVE_INFINITY);
        values.put("k", 0.1);
        values.put("l", 0.2);
        values.put("p", 0.3);
        values.put("trig_one", 1.0);
        values.put("trig_two", 2.0);
        values.put("trig_three", 3.0);
        values.put("é", 2.0);
        return values;
    }

    /** A formula as the table writes it: a literal {@code \n} stands for a line break. */
    static Formula compile(String formula) {
        return Formula.compile(formula.replace("\\n", "\n"), ENVIRONMENT.keySet());
    }

    @ParameterizedTest(name = "{0} is {1} {2}")
    @CsvSource(delimiterString = " -> ", commentCharacter = '%', textBlock = """
            a + b -> float64 -> 7
            float(a + b) -> float64 -> 7
            a - b * 2 / 4 -> float64 -> 1
            a ** 2 ** 2 -> float64 -> 81
            -a ** 2 -> float64 -> -9
            2 ^ 10 -> float64 -> 1024
            10 % 3 -> int -> 1
            -7 % 3 -> int -> -1
            7 % -3 -> int -> 1
            int(a) % 2 -> int -> 1
            1 / 0 -> float64 -> +Inf
            -1 / 0 -> float64 -> -Inf
            0 / 0 -> float64 -> NaN
            a / z -> float64 -> +Inf
            z / z -> float64 -> NaN
            m / z -> float64 -> -Inf
            1 / 2 -> float64 -> 0.5
            7 / 2 -> float64 -> 3.5
            a > b -> bool -> false
            a < b < 5 -> bool -> true
            a == 3 -> bool -> true
            a != 3 -> bool -> false
            n == n -> bool -> false
            n != n -> bool -> true
            n > 1 -> bool -> false
            n < 1 -> bool -> false
            a == nil -> bool -> false
            c == nil -> bool -> true
            nil == nil -> bool -> true
            c ?? 5 -> int -> 5
            c ?? a -> float64 -> 3
            a ?? 5 -> float64 -> 3
            c ?? c -> <nil> -> <nil>
            c ?? nil -> <nil> -> <nil>
            not true -> bool -> false
            !(a > b) -> bool -> true
            a > 1 && b > 1 -> bool -> true
            a > 1 and b > 10 -> bool -> false
            a > 10 || b > 1 -> bool -> true
            a > 10 or b > 10 -> bool -> false
            true && (c ?? 5) -> int -> 5
            false || (c ?? 5) -> int -> 5
            (c ?? 5) && true -> int -> 5
            a > 2 ? a : b -> float64 -> 3
            a > 2 ? 1 : 2 -> int -> 1
            a > 2 ? 1 : 2.5 -> int -> 1
            a > 2 ? nil : 1 -> <nil> -> <nil>
            a > 5 ? nil : 1 -> int -> 1
            (c ?? true) ? 1 : 2 -> int -> 1
            trig_one < 2 ? trig_one+trig_two >= 2 ? 5 : 10 : 0 -> int -> 5
            float(trig_one < 2 ? trig_one+trig_two >= 2 ? 5 : 10 : 0) -> float64 -> 5
            count([trig_one,trig_two,trig_three],{#>1}) > 1 ? 5 : 0 -> int -> 5
            count([trig_one,trig_two],{#>1}) > 1 ? 5 : 0 -> int -> 0
            count([trig_two, trig_three, c],{#>1}) > 1 ? 5 : 0 -> int -> 5
            count([trig_two, c],{#>1}) > 0 -> bool -> true
            count([trig_two, c],{#>1}) >= 1 -> bool -> true
            count([true, false, true]) -> int -> 2
            count([a, b], # > 3) -> int -> 1
            all([a, b], {# > 2}) -> bool -> true
            all([a, b], {# > 3}) -> bool -> false
            any([a, b], {# > 3}) -> bool -> true
            none([a, b], {# > 5}) -> bool -> true
            one([a, b], {# > 3}) -> bool -> true
            one([a, b], {# > 1}) -> bool -> false
            filter([a, b, trig_one], {# > 2}) -> []interface {} -> [3 4]
            map([a, b], {# * 2}) -> []interface {} -> [6 8]
            map([a, b], {# * #index}) -> []interface {} -> [0 4]
            sum([a, b]) -> float64 -> 7
            sum([a, b, 1]) -> float64 -> 8
            sum([1, 2]) -> int -> 3
            sum([]) -> int -> 0
            sum([a]) -> float64 -> 3
            sum([a, b], {# * 2}) -> float64 -> 14
            len([a, b, c]) -> int -> 3
            abs(m) -> float64 -> 1
            abs(-0.0) -> float64 -> -0
            abs(-3) -> int -> 3
            ceil(2.1) -> float64 -> 3
            floor(-2.1) -> float64 -> -3
            round(2.5) -> float64 -> 3
            round(-2.5) -> float64 -> -3
            round(-0.4) -> float64 -> -0
            round(0.49999999999999994) -> float64 -> 0
            ceil(3) -> float64 -> 3
            int(3.9) -> int -> 3
            int(-3.9) -> int -> -3
            int(n) -> int -> -9223372036854775808
            int(i) -> int -> -9223372036854775808
            float(3) -> float64 -> 3
            max(a, b) -> float64 -> 4
            max(b, a) -> float64 -> 4
            min(a, b) -> float64 -> 3
            max(1, 2.5) -> float64 -> 2.5
            max(3, 2.5) -> int -> 3
            max(a) -> float64 -> 3
            max(c) -> <nil> -> <nil>
            max([a, b], 10) -> int -> 10
            max([]) -> <nil> -> <nil>
            max(n, 1) -> float64 -> NaN
            max(1, n) -> int -> 1
            max([1, [5, 2]], 3) -> int -> 5
            min([a, b], []) -> float64 -> 3
            mean([a, b]) -> float64 -> 3.5
            mean(1, 2) -> float64 -> 1.5
            mean([]) -> float64 -> 0
            median([a, b, 10]) -> float64 -> 4
            median([a, b]) -> float64 -> 3.5
            median([n, 1, 2]) -> float64 -> 1
            let x = a * 2; x + 1 -> float64 -> 7
            let x = 1; let y = x + 1; y * 2 -> int -> 4
            a; b -> float64 -> 4
            (a; b) -> float64 -> 4
            if a > 2 { 1 } else { 2 } -> int -> 1
            if a > 5 { 1 } else if b > 3 { 2 } else { 3 } -> int -> 2
            (a > 1) ?: false -> bool -> true
            1_000 + 0x10 + 0b11 + 0o7 -> int -> 1026
            1e3 -> float64 -> 1000
            .5 + 1. -> float64 -> 1.5
            [a, b,] -> []interface {} -> [3 4]
            max(a, b,) -> float64 -> 4
            [a, 1] -> []interface {} -> [3 1]
            [a, b] == [a, b] -> bool -> true
            [1] == [1.0] -> bool -> true
            [n] == [n] -> bool -> false
            let x = [n]; x == x -> bool -> false
            a + b ?? c -> float64 -> 7
            (a ?? b) + 1 -> float64 -> 4
            c ?? b ?? 5 -> float64 -> 4
            c ?? c ?? 5 -> int -> 5
            let _kedaCompositeResult = (trig_one ?? trig_two ?? 5); _kedaCompositeResult == nil ? nil : float(_kedaCompositeResult) -> float64 -> 1
            let _kedaCompositeResult = (c ?? c ?? 5); _kedaCompositeResult == nil ? nil : float(_kedaCompositeResult) -> float64 -> 5
            let _kedaCompositeResult = (c ?? c); _kedaCompositeResult == nil ? nil : float(_kedaCompositeResult) -> <nil> -> <nil>
            float(a) > 1 ? 1 : 2 -> int -> 1
            max(a, b/1000) -> float64 -> 3
            (a + b)/2 -> float64 -> 3.5
            a > 2 ? a + b : 1 -> float64 -> 7
            float(float(trig_two < 5 ? trig_one + trig_two : 5)) -> float64 -> 3
            1 // comment -> int -> 1
            1 /* c */ + 2 -> int -> 3
            a > 1 ? [a] : [1] -> []interface {} -> [3]
            a > 1 ? [a] : nil -> []interface {} -> [3]
            (c ?? [a]) -> []interface {} -> [3]
            count(c ?? [a], # > 1) -> int -> 1
            -(c ?? 1) -> int -> -1
            +c -> <nil> -> <nil>
            i - i -> float64 -> NaN
            i * 0 -> float64 -> NaN
            2 ** -1 -> float64 -> 0.5
            0 ** -1 -> float64 -> +Inf
            (-8) ** (1.0/3) -> float64 -> NaN
            1 ** n -> float64 -> 1
            (-1) ** i -> float64 -> 1
            9223372036854775807 + 1 -> int -> -9223372036854775808
            -9223372036854775807 - 2 -> int -> 9223372036854775807
            abs(-9223372036854775807 - 1) -> int -> -9223372036854775808
            int(9.3e18) -> int -> -9223372036854775808
            1000000.0 + 0.5 -> float64 -> 1.0000005e+06
            1234567.0 -> float64 -> 1.234567e+06
            0.0001 -> float64 -> 0.0001
            0.00001 -> float64 -> 1e-05
            filter([a, b], # > 10) -> []interface {} -> []
            map([a, b], # > 3) -> []interface {} -> [false true]
            a > 1 ? (c ?? 1) : 2 -> int -> 1
            (c ?? 5) || true -> bool -> true
            (c ?? 5) || false -> int -> 5
            (a + c > 1) || true -> bool -> true
            (a + c > 1) && false -> bool -> false
            !true && (c > 1) -> bool -> false
            (1 == 1) && (c ?? 7) -> int -> 7
            1.0 == 1.0 && (c ?? 7) -> int -> 7
            sum([k, l, p]) -> float64 -> 0.6
            sum([0.1, 0.2, 0.3]) -> float64 -> 0.6000000000000001
            sum([0.1, 0.2, p]) -> float64 -> 0.6
            sum([k, l, p], #) -> float64 -> 0.6000000000000001
            count([a, b], {let y = # * 2; y > 7}) -> int -> 1
            count([a, b], {count([a, b], {# > 3}) > 0}) -> int -> 2
            all([a, b], {any([1, 2], {# < 3})}) -> bool -> true
            map([a, b], {map([1, 2], {#})}) -> []interface {} -> [[1 2] [1 2]]
            map([a, b], {#index}) -> []interface {} -> [0 1]
            count([a, b], {# > 1}) >= 2 -> bool -> true
            count([a, b, c], {# > 1}) >= 2 -> bool -> true
            count([a, b, c], {# > 1}) < 2 -> bool -> false
            count([a, b, c], {# > 1}) <= 1 -> bool -> false
            count([a, b, c], {# > 1}) > 1 + 0 -> bool -> true
            count([a, b, c], {# > 1}) > 0 -> bool -> true
            count([a, c], {# > 1}) >= 1 -> bool -> true
            any([a, c], {# > 1}) -> bool -> true
            all([a, c], {# > 5}) -> bool -> false
            none([a, c], {# > 1}) -> bool -> false
            [a, b] == [a, b, 1] -> bool -> false
            [a] != [a] -> bool -> false
            [] == [] -> bool -> true
            [c] == [nil] -> bool -> true
            c == c -> bool -> true
            [a, nil] -> []interface {} -> [3 <nil>]
            [1, 2.5] -> []interface {} -> [1 2.5]
            a > 1 ? [a] : [true] -> []interface {} -> [3]
            (a > 1 ? [a] : [true]) == [3] -> bool -> true
            let x = nil; x ?? a -> float64 -> 3
            let x = [a]; count(x, # > 1) -> int -> 1
            let x = [a]; x -> []interface {} -> [3]
            let f = 1; f + a -> float64 -> 4
            a; -> float64 -> 3
            if a > 1 { 1 } else { nil } -> int -> 1
            a > 1 ? : 2 -> bool -> true
            -a ?? 1 -> float64 -> -3
            !c ?? true -> bool -> false
            a ** b ** 0.5 -> float64 -> 9
            2 ** 3 ** 2 -> float64 -> 512
            -2 ** 2 -> float64 -> -4
            (-2) ** 2 -> float64 -> 4
            a - -b -> float64 -> 7
            a - - - b -> float64 -> -1
            not not true -> bool -> true
            !!true -> bool -> true
            a < b == true -> bool -> true
            a < b != false -> bool -> true
            1 < 2 < 3 < 4 -> bool -> true
            3 > 2 > 1 -> bool -> true
            a == b == false -> bool -> true
            7 % 4 * 2 -> int -> 6
            2 * 7 % 4 -> int -> 2
            a / b * 2 -> float64 -> 1.5
            c ?? c ?? c -> <nil> -> <nil>
            (c ?? 1) + (d ?? 2) -> int -> 3
            c ?? (d ?? 2) -> int -> 2
            max(c ?? 1, d ?? 2) -> int -> 2
            len(c ?? [1]) -> int -> 1
            abs(c ?? -2) -> int -> 2
            mean(a, [b, [2]]) -> float64 -> 3
            min(c) -> <nil> -> <nil>
            count([], # > 1) -> int -> 0
            all([], # > 1) -> bool -> true
            any([], # > 1) -> bool -> false
            one([a, b], {# > 3.5}) -> bool -> true
            filter([], # > 1) -> []interface {} -> []
            é + 1 -> float64 -> 3
            00012 -> int -> 12
            0_1 -> int -> 1
            1__2 -> int -> 12
            0x1_F -> int -> 31
            0b1111_0000 -> int -> 240
            1_000_000.000_1 -> float64 -> 1.0000000001e+06
            123456789012345678 -> int -> 123456789012345678
            1.7976931348623157e308 * 10 -> float64 -> +Inf
            7 % (5 - 3) -> int -> 1
            int(-i) -> int -> -9223372036854775808
            int(1e19) -> int -> -9223372036854775808
            int(-1e19) -> int -> -9223372036854775808
            float(int(2.7)) -> float64 -> 2
            1000000.0 -> float64 -> 1e+06
            100000.0 -> float64 -> 100000
            123456.0 -> float64 -> 123456
            0.000123 -> float64 -> 0.000123
            1e21 -> float64 -> 1e+21
            1e20 -> float64 -> 1e+20
            -0.0 -> float64 -> -0
            0.0 * -1 -> float64 -> -0
            1 / i -> float64 -> 0
            -1 / i -> float64 -> -0
            a > 1 ? 1 : c -> int -> 1
            float(a > 1 ? 1 : c) -> float64 -> 1
            any([a, c], {# > 5}) || any([a, c], {# > 1}) -> bool -> true
            all([a, c], {# > 1}) && all([a, c], {# < 2}) -> bool -> false
            any([a], {# > 5}) or any([a], {# > 1}) or any([a], {# > 9}) -> bool -> true
            all([a, c], {all([a], {# > 5}) && all([a], {# > 1})}) && all([a,c], {true}) -> bool -> false
            len(filter([a, c], {# > 1})) > 0 -> bool -> true
            sum(map([a, b], {# * 2})) -> float64 -> 14
            sum(map([a, c], {# ?? 1})) -> float64 -> 4
            count([a, c], {# > 1}) > 0 || any([a, c], {# > 1}) -> bool -> true
            any([a, c], {# > 1}) || count([a, c], {# > 1}) > 0 -> bool -> true
            (all([a, c], {# > 5}) && true) && all([a, c], {# > 1}) -> bool -> false
            all([a, c], {# > 5}) and all([a, c], {# > 1}) -> bool -> false
            all([a, 1], {# > 5}) && all([a, 1.0], {# > 1}) -> bool -> false
            all([a, c], {# > 5}) && all([a, c], {# > 1}) && all([a, c], {# > 0}) -> bool -> false
            k ** 4 -> float64 -> 0.00010000000000000005
            k ** -3 -> float64 -> 999.9999999999998
            k ^ 7 -> float64 -> 1.0000000000000007e-07
            (k + 1) ** 7 -> float64 -> 1.9487171000000012
            -k ** 5 -> float64 -> -1.0000000000000006e-05
            l ** 3 -> float64 -> 0.008000000000000002
            p ** -2 -> float64 -> 11.11111111111111
            a ** 0.5 -> float64 -> 1.7320508075688772
            a ** -0.5 -> float64 -> 0.5773502691896258
            2 ** 1024 -> float64 -> +Inf
            2 ** -1075 -> float64 -> 0
            (-2) ** 3 -> float64 -> -8
            (-8) ** -3 -> float64 -> -0.001953125
            z ** -1 -> float64 -> +Inf
            (-0.0) ** -3 -> float64 -> -Inf
            m ** i -> float64 -> 1
            (let x = a; x > 0) or false -> bool -> true
            true && (let x = c ?? 2; x * 2) -> int -> 4
            a > 0 or false or false or false or false -> bool -> true
            """)
    void evaluatesToTheValueAndTypeExprLangReturns(String formula, String goType, String goValue) {
        Object result = compile(formula).evaluateValue(ENVIRONMENT);

        assertThat(GoText.typeName(result)).isEqualTo(goType);
        assertThat(GoText.value(result)).isEqualTo(goValue);
    }
}
