package dev.tide.formula;

import dev.tide.formula.Node.Binary;
import dev.tide.formula.Node.BoolLiteral;
import dev.tide.formula.Node.FloatLiteral;
import dev.tide.formula.Node.IntLiteral;
import dev.tide.formula.Node.Unary;
import java.util.function.Function;

/**
 * The value expr-lang's constant folder ({@code optimizer/fold.go}) reduces a node to, if any. Folding changes
 * what some formulas do, not only how fast they run: {@code x && true} becomes {@code x} (no bool check of x),
 * {@code x || true} becomes {@code true} (x never runs), {@code 1 % 0} fails at compile time, a literal on the
 * right of {@code count(...) > n} enables early exit, and an all-literal list is no longer summed as
 * {@code a + (b + c)}. The checker asks this class where those rules apply.
 *
 * <p>It folds one node at a time from its children's folded values, which the checker has already computed (it
 * visits children first): no recursion, so folding costs neither stack nor repeated work on long chains.
 */
final class Folding {

    private Folding() {
    }

    /**
     * The folded value: {@link Long}, {@link Double} or {@link Boolean}; {@code null} when the node stays a node.
     *
     * @param folded the folded value of each child ({@code null} for none)
     */
    static Object constant(Node node, Function<Node, Object> folded) {
        if (node instanceof IntLiteral literal) {
            return literal.value();
        }
        if (node instanceof FloatLiteral literal) {
            return literal.value();
        }
        if (node instanceof BoolLiteral literal) {
            return literal.value();
        }
        if (node instanceof Unary unary) {
            Object operand = folded.apply(unary.operand());
            return switch (unary.operator()) {
                case "-" -> operand instanceof Long l ? (Object) (-l)
                        : operand instanceof Double d ? (Object) (-d) : null;
                case "+" -> Ops.isNumber(operand) ? operand : null;
                default -> operand instanceof Boolean b ? (Object) !b : null;
            };
        }
        if (node instanceof Binary binary) {
            return binary(binary, folded);
        }
        return null;
    }

    private static Object binary(Binary binary, Function<Node, Object> folded) {
        String operator = binary.operator();
        if (operator.equals("and") || operator.equals("&&") || operator.equals("or") || operator.equals("||")) {
            return logical(binary, folded);
        }
        Object a = folded.apply(binary.left());
        Object b = folded.apply(binary.right());
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return operator.equals("==") ? (Object) (x.booleanValue() == y.booleanValue()) : null;
        }
        if (!Ops.isNumber(a) || !Ops.isNumber(b)) {
            return null;
        }
        boolean ints = a instanceof Long && b instanceof Long;
        return switch (operator) {
            case "+", "-", "*" -> ints ? (Object) integer(operator, (Long) a, (Long) b) : (Object) real(operator, a, b);
            case "/" -> Ops.toDouble(a) / Ops.toDouble(b);
            case "%" -> ints && (Long) b != 0 ? (Object) ((Long) a % (Long) b) : null;
            case "**", "^" -> Ops.pow(Ops.toDouble(a), Ops.toDouble(b));
            case "==" -> ints ? (Object) (((Long) a).longValue() == (Long) b) : null;
            default -> null;
        };
    }

    /** {@code true && x} and {@code x && true} fold to x; a false side folds the whole to false ({@code or} alike). */
    private static Object logical(Binary binary, Function<Node, Object> folded) {
        boolean and = binary.operator().equals("and") || binary.operator().equals("&&");
        Object a = folded.apply(binary.left());
        Object b = folded.apply(binary.right());
        Boolean neutral = and ? Boolean.TRUE : Boolean.FALSE;
        if (neutral.equals(a)) {
            return b;
        }
        if (neutral.equals(b)) {
            return a;
        }
        if (Boolean.valueOf(!and).equals(a) || Boolean.valueOf(!and).equals(b)) {
            return !and;
        }
        return null;
    }

    private static long integer(String operator, long a, long b) {
        return switch (operator) {
            case "+" -> a + b;
            case "-" -> a - b;
            default -> a * b;
        };
    }

    private static double real(String operator, Object a, Object b) {
        double x = Ops.toDouble(a);
        double y = Ops.toDouble(b);
        return switch (operator) {
            case "+" -> x + y;
            case "-" -> x - y;
            default -> x * y;
        };
    }
}
