package dev.tide.formula;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * A compiled {@code scalingModifiers.formula}: checked once against the trigger names, then evaluated each polling
 * interval with the triggers' current values. Immutable and safe to share between threads.
 *
 * <p>Typical use, as KEDA validates and runs a formula:
 * <pre>{@code
 * Formula formula = Formula.compileAndDryRun(Formula.kedaRewrite(spec.formula()), namedTriggers);
 * OptionalDouble composite = formula.evaluate(Map.of("a", 3.0, "b", 4.0)); // 7.0
 * }</pre>
 */
public final class Formula {

    /** The value every variable holds in KEDA's dry run: {@code dummyValue := -1.0}. */
    private static final Double DRY_RUN_VALUE = -1.0;

    private final String source;
    private final List<String> variables;
    private final Code code;
    private final int slots;
    private final int predicateDepth;

    private Formula(String source, List<String> variables, Checker.Program program) {
        this.source = source;
        this.variables = variables;
        this.code = program.code();
        this.slots = program.slots();
        this.predicateDepth = program.predicateDepth();
    }

    /**
     * Compiles a formula over float64 variables, as KEDA's {@code expr.Compile(formula, expr.Env(map[string]float64))}
     * does: parse, type-check, and resolve every name.
     *
     * @param source the formula, as the user wrote it or after {@link #kedaRewrite(String)}
     * @param variables the names a formula may use (KEDA: the named triggers other than cpu and memory)
     * @throws FormulaException with expr-lang's message ({@code unknown name x (1:1)}, then the line and a caret),
     *     or naming the limit a formula exceeds (length, nesting, size)
     */
    public static Formula compile(String source, Set<String> variables) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(variables, "variables");
        if (source.length() > Limits.MAX_SOURCE_LENGTH) {
            throw new FormulaException("formula is too long: " + source.length() + " characters, the limit is "
                    + Limits.MAX_SOURCE_LENGTH);
        }
        List<String> names = List.copyOf(new TreeSet<>(variables));
        Node tree = Parser.parse(source, Set.copyOf(names));
        return new Formula(source, names, Checker.check(source, tree, names));
    }

    /**
     * KEDA's {@code validateScalingModifiersFormula}: compiles, then runs once with every variable at -1, so that a
     * formula that fails whenever it runs is refused up front. The caller adds KEDA's prefix
     * ({@code error validating formula in ScalingModifiers}) and checks the target.
     *
     * @param source the formula after {@link #kedaRewrite(String)}, as KEDA validates it
     * @param variables the names of the ScaledObject's triggers that have a name and are neither cpu nor memory
     * @throws FormulaException with the compile or run-time error
     */
    public static Formula compileAndDryRun(String source, Set<String> variables) {
        Formula formula = compile(source, variables);
        Map<String, Double> dryRun = new HashMap<>();
        for (String variable : formula.variables) {
            dryRun.put(variable, DRY_RUN_VALUE);
        }
        formula.evaluateValue(dryRun);
        return formula;
    }

    /**
     * KEDA's {@code castToFloatIfNecessary}, which KEDA applies before compiling: a formula with {@code ??} is
     * wrapped so that a nil result stays nil and anything else becomes float64; a formula that starts with
     * {@code float(} is left alone (so {@code float(a) > 1 ? 1 : 2} still returns an int, which
     * {@link #evaluate} then refuses, as KEDA does); any other becomes {@code float(formula)}.
     */
    public static String kedaRewrite(String formula) {
        if (formula.contains("??")) {
            if (formula.startsWith("let _kedaCompositeResult = ")) {
                return formula;
            }
            return "let _kedaCompositeResult = (" + formula + "); "
                    + "_kedaCompositeResult == nil ? nil : float(_kedaCompositeResult)";
        }
        if (formula.startsWith("float(")) {
            return formula;
        }
        return "float(" + formula + ")";
    }

    /**
     * Evaluates the formula and checks its result as KEDA's {@code calculateScalingModifiersFormula} does.
     *
     * <p>The result is Go's float64, unclamped: a division by zero gives +Inf, -Inf or NaN, and a NaN input
     * propagates. KEDA then sends {@code int64(result * 1000)} milli-units to the HPA, which on amd64 turns NaN,
     * ±Inf and anything beyond int64 into {@code math.MinInt64} (a huge negative metric); what to do with
     * non-finite results is the caller's decision.
     *
     * @param values each variable's current value; a variable that is absent or maps to {@code null} is nil (KEDA
     *     sets a trigger past its fallback threshold to nil when the fallback behavior is scalingModifiers)
     * @return the result, or empty when the formula evaluated to nil (a {@code ??} chain whose every value is nil;
     *     KEDA then serves the fallback)
     * @throws FormulaException when the formula fails at run time ({@code invalid operation: <nil> + float64}),
     *     or returns something other than a float64 or nil: {@code formula returned non-float result int (2)}
     */
    public OptionalDouble evaluate(Map<String, Double> values) {
        Object result = evaluateValue(values);
        if (result == null) {
            return OptionalDouble.empty();
        }
        if (result instanceof Double d) {
            return OptionalDouble.of(d);
        }
        throw new FormulaException("formula returned non-float result " + GoText.typeName(result) + " ("
                + GoText.value(result) + ")");
    }

    /** The raw Go value: {@link Double}, {@link Long}, {@link Boolean}, {@code null} or a list of these. */
    Object evaluateValue(Map<String, Double> values) {
        Objects.requireNonNull(values, "values");
        Frame frame = new Frame(slots, predicateDepth);
        for (int i = 0; i < variables.size(); i++) {
            frame.slots[i] = values.get(variables.get(i));
        }
        try {
            return code.run(frame);
        } catch (EvalError e) {
            throw SourceError.at(source, e.position, e.getMessage());
        }
    }

    /** The source this formula was compiled from. */
    public String source() {
        return source;
    }

    /** The names the formula was compiled against, sorted. */
    public List<String> variables() {
        return variables;
    }

    @Override
    public String toString() {
        return "Formula[" + source + "]";
    }
}
