package dev.tide.formula;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * expr-lang's builtins: the names its parser knows, the predicate signatures, and the numeric functions formulas
 * may call, each with expr-lang's compile-time check ({@code builtin/validation.go}) and run-time behaviour
 * ({@code builtin/lib.go}). The predicate builtins run in {@link Checker}, which owns the loop scopes.
 */
final class Builtins {

    /** One parameter of a predicate builtin as expr-lang's parser reads it. */
    record Argument(boolean predicate, boolean optional) {
    }

    private static final Argument EXPRESSION = new Argument(false, false);
    private static final Argument PREDICATE = new Argument(true, false);
    private static final Argument OPTIONAL_PREDICATE = new Argument(true, true);
    private static final Argument OPTIONAL_EXPRESSION = new Argument(false, true);

    /** expr-lang's {@code predicates} table: names parsed with a predicate argument, supported or not. */
    static final Map<String, List<Argument>> PREDICATES = Map.ofEntries(
            Map.entry("all", List.of(EXPRESSION, PREDICATE)), Map.entry("none", List.of(EXPRESSION, PREDICATE)),
            Map.entry("any", List.of(EXPRESSION, PREDICATE)), Map.entry("one", List.of(EXPRESSION, PREDICATE)),
            Map.entry("filter", List.of(EXPRESSION, PREDICATE)), Map.entry("map", List.of(EXPRESSION, PREDICATE)),
            Map.entry("count", List.of(EXPRESSION, OPTIONAL_PREDICATE)),
            Map.entry("sum", List.of(EXPRESSION, OPTIONAL_PREDICATE)),
            Map.entry("find", List.of(EXPRESSION, PREDICATE)), Map.entry("findIndex", List.of(EXPRESSION, PREDICATE)),
            Map.entry("findLast", List.of(EXPRESSION, PREDICATE)),
            Map.entry("findLastIndex", List.of(EXPRESSION, PREDICATE)),
            Map.entry("groupBy", List.of(EXPRESSION, PREDICATE)),
            Map.entry("sortBy", List.of(EXPRESSION, PREDICATE, OPTIONAL_EXPRESSION)),
            Map.entry("reduce", List.of(EXPRESSION, PREDICATE, OPTIONAL_EXPRESSION)));

    /** The predicate builtins {@link Checker} implements. */
    static final Set<String> SUPPORTED_PREDICATES =
            Set.of("all", "none", "any", "one", "filter", "map", "count", "sum");

    /** The other builtins {@link #check} and {@link #run} implement. */
    static final Set<String> SUPPORTED_FUNCTIONS =
            Set.of("len", "abs", "ceil", "floor", "round", "int", "float", "max", "min", "mean", "median");

    /** Every other builtin name of expr-lang 1.17: parsed as a builtin call (as expr-lang does), then refused. */
    private static final Set<String> OTHER_FUNCTIONS = Set.of("type", "string", "trim", "trimPrefix", "trimSuffix",
            "upper", "lower", "split", "splitAfter", "replace", "repeat", "join", "indexOf", "lastIndexOf",
            "hasPrefix", "hasSuffix", "toJSON", "fromJSON", "toBase64", "fromBase64", "now", "duration", "date",
            "timezone", "first", "last", "get", "take", "keys", "values", "toPairs", "fromPairs", "reverse", "uniq",
            "concat", "flatten", "sort", "bitand", "bitor", "bitxor", "bitnand", "bitshl", "bitshr", "bitushr",
            "bitnot");

    private Builtins() {
    }

    /** Whether expr-lang's parser reads {@code name(...)} as a builtin call. */
    static boolean isExprBuiltin(String name) {
        return SUPPORTED_FUNCTIONS.contains(name) || OTHER_FUNCTIONS.contains(name);
    }

    /** Whether {@code name} is any builtin of expr-lang, predicate or not (a {@code let} may not shadow one). */
    static boolean isAnyBuiltin(String name) {
        return PREDICATES.containsKey(name) || isExprBuiltin(name);
    }

    /**
     * The result type of a supported non-predicate builtin, or the validator's error message.
     *
     * @return the type; {@code null} with {@code error[0]} set when the arguments do not fit
     */
    static Type check(String name, List<Type> arguments, String[] error) {
        switch (name) {
            case "len":
                if (arity(arguments, error)) {
                    Type argument = arguments.get(0);
                    if (argument.isArray() || argument.isUnknown()) {
                        return Type.INT;
                    }
                    error[0] = "invalid argument for len (type " + argument.reflectName() + ")";
                }
                return null;
            case "abs", "ceil", "floor", "round", "int", "float":
                if (arity(arguments, error)) {
                    Type argument = arguments.get(0);
                    if (argument.isNumber() || argument.isUnknown()) {
                        return switch (name) {
                            case "abs" -> argument.isUnknown() ? Type.ANY : argument;
                            case "int" -> Type.INT;
                            default -> Type.FLOAT;
                        };
                    }
                    error[0] = "invalid argument for " + name + " (type " + argument.reflectName() + ")";
                }
                return null;
            default: // max, min, mean, median: validateAggregateFunc
                if (arguments.isEmpty()) {
                    error[0] = "not enough arguments to call " + name;
                    return null;
                }
                for (Type argument : arguments) {
                    if (argument.isArray() || argument.isUnknown()) {
                        return Type.ANY;
                    }
                    if (!argument.isNumber()) {
                        error[0] = "invalid argument for " + name + " (type " + argument.reflectName() + ")";
                        return null;
                    }
                }
                return arguments.get(0);
        }
    }

    private static boolean arity(List<Type> arguments, String[] error) {
        if (arguments.size() != 1) {
            error[0] = "invalid number of arguments (expected 1, got " + arguments.size() + ")";
            return false;
        }
        return true;
    }

    /** Runs a supported non-predicate builtin; failures are expr-lang's panics and errors. */
    static Object run(String name, Object[] arguments, int position) {
        Object x = arguments.length > 0 ? arguments[0] : null;
        return switch (name) {
            case "len" -> {
                if (x instanceof List<?> list) {
                    yield (long) list.size();
                }
                throw invalidArgument(name, x, position);
            }
            case "abs" -> {
                if (x instanceof Double d) {
                    yield d < 0 ? -d : d; // abs(-0.0) is -0.0 in expr-lang, too
                }
                if (x instanceof Long l) {
                    yield l < 0 ? -l : l;
                }
                throw invalidArgument(name, x, position);
            }
            case "ceil", "floor", "round" -> {
                if (x instanceof Long l) {
                    yield (double) l;
                }
                if (x instanceof Double d) {
                    yield name.equals("ceil") ? Math.ceil(d) : name.equals("floor") ? Math.floor(d) : Ops.goRound(d);
                }
                throw invalidArgument(name, x, position);
            }
            case "int" -> {
                if (x instanceof Long) {
                    yield x;
                }
                if (x instanceof Double d) {
                    yield Ops.goInt(d);
                }
                // Go's Int falls back to reflection, which fails this way on nil.
                throw new EvalError(position, x == null ? "reflect: call of reflect.Value.Type on zero Value"
                        : "invalid operation: int(" + GoText.typeName(x) + ")");
            }
            case "float" -> {
                if (Ops.isNumber(x)) {
                    yield Ops.toDouble(x);
                }
                throw new EvalError(position, "invalid operation: float(" + GoText.typeName(x) + ")");
            }
            case "max", "min" -> minMax(name, arguments, position);
            case "mean" -> {
                List<Double> values = numbers(name, arguments, position);
                double total = 0;
                for (double value : values) {
                    total += value;
                }
                yield values.isEmpty() ? 0.0 : total / values.size();
            }
            default -> median(numbers(name, arguments, position));
        };
    }

    /**
     * expr-lang's {@code minMax}: the first value wins ties and NaN comparisons, int and float64 values are compared
     * as float64 but returned as they are, a list argument's elements are compared one by one with the best so far,
     * a nested list first yields its own best, and nothing found is nil.
     */
    private static Object minMax(String name, Object[] arguments, int position) {
        Object best = null;
        for (Object argument : arguments) {
            if (argument instanceof List<?> list) {
                best = scan(name, best, list, position);
            } else if (Ops.isNumber(argument)) {
                best = better(name, best, argument);
            } else if (arguments.length == 1) {
                return argument;
            } else {
                throw invalidArgument(name, argument, position);
            }
        }
        return best;
    }

    private static Object scan(String name, Object bestSoFar, List<?> list, int position) {
        Object best = bestSoFar;
        for (Object element : list) {
            if (element instanceof List<?> nested) {
                best = better(name, best, scan(name, null, nested, position));
            } else if (Ops.isNumber(element)) {
                best = better(name, best, element);
            } else {
                throw invalidArgument(name, element, position);
            }
        }
        return best;
    }

    private static Object better(String name, Object best, Object candidate) {
        if (candidate == null) {
            return best;
        }
        if (best == null) {
            return candidate;
        }
        boolean replace = name.equals("max") ? less(best, candidate) : less(candidate, best);
        return replace ? candidate : best;
    }

    private static boolean less(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return x < y;
        }
        return Ops.toDouble(a) < Ops.toDouble(b);
    }

    /** The numbers in the arguments, lists flattened, as float64: what {@code mean} and {@code median} read. */
    private static List<Double> numbers(String name, Object[] arguments, int position) {
        List<Double> values = new ArrayList<>();
        for (Object argument : arguments) {
            collect(name, argument, values, position);
        }
        return values;
    }

    private static void collect(String name, Object value, List<Double> values, int position) {
        if (value instanceof List<?> list) {
            for (Object element : list) {
                collect(name, element, values, position);
            }
        } else if (Ops.isNumber(value)) {
            values.add(Ops.toDouble(value));
        } else {
            throw invalidArgument(name, value, position);
        }
    }

    /** Go's {@code sort.Float64s} puts NaN first; the middle value, or the mean of the two middle ones; 0 if none. */
    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return 0.0;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int nans = 0;
        for (int i = sorted.length - 1; i >= 0 && Double.isNaN(sorted[i]); i--) {
            nans++;
        }
        if (nans > 0) {
            System.arraycopy(sorted, 0, sorted, nans, sorted.length - nans);
            Arrays.fill(sorted, 0, nans, Double.NaN);
        }
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static EvalError invalidArgument(String name, Object value, int position) {
        return new EvalError(position, "invalid argument for " + name + " (type " + GoText.typeName(value) + ")");
    }
}
