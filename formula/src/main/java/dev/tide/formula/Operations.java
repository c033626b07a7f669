package dev.tide.formula;

import dev.tide.formula.Checker.Checked;
import dev.tide.formula.Node.Binary;
import dev.tide.formula.Node.Unary;
import java.util.OptionalLong;

/**
 * Unary and binary operators for {@link Checker}: expr-lang's typing rules ({@code unaryNode}, {@code binaryNode})
 * and the code for each operator, short-circuits and {@code ??} included.
 */
final class Operations {

    private final Checker checker;

    Operations(Checker checker) {
        this.checker = checker;
    }

    Checked unary(Unary unary) {
        Checked operand = checker.visit(unary.operand());
        Type type = operand.type();
        String operator = unary.operator();
        Code code = operand.code();
        int position = unary.position();
        if (operator.equals("!") || operator.equals("not")) {
            if (type.isBool() || type.isUnknown()) {
                return new Checked(Type.BOOL, frame -> !Ops.asBool(code.run(frame), position));
            }
        } else if (type.isNumber() || type.isUnknown()) {
            // Unary plus compiles to nothing in expr-lang: "+x" is x, whatever x holds at run time.
            Type result = type.isNumber() ? type : Type.UNKNOWN;
            return new Checked(result, operator.equals("+") ? code : frame -> Ops.negate(code.run(frame), position));
        }
        throw checker.error(unary, "invalid operation: " + operator + " (mismatched type " + type.natureName() + ")");
    }

    Checked binary(Binary binary) {
        Checked left = checker.visit(binary.left());
        Checked right = checker.visit(binary.right());
        String operator = binary.operator();
        Type type = type(binary, left.type(), right.type());
        if (operator.equals("%") && constantInt(binary.left()).isPresent()
                && constantInt(binary.right()).orElse(1) == 0) {
            // expr-lang's constant folder reports this, once the whole formula has type-checked.
            checker.foldError(binary, "integer divide by zero");
        }
        Checked optimized = checker.optimizer().binary(binary, type, right);
        if (optimized != null) {
            return optimized;
        }
        return new Checked(type, code(binary, left.code(), right.code()));
    }

    /** expr-lang's {@code binaryNode} typing, for the operators formulas support. */
    private Type type(Binary binary, Type l, Type r) {
        String operator = binary.operator();
        switch (operator) {
            case "==", "!=":
                if (l.isUnknown() || r.isUnknown() || l.isNil() || r.isNil() || (l.isNumber() && r.isNumber())
                        || (l.isArray() && r.isArray()) || l.assignableTo(r)) {
                    return Type.BOOL;
                }
                break;
            case "or", "||", "and", "&&":
                if ((l.isBool() && r.isBool()) || maybe(l, r, Type.Kind.BOOL)) {
                    return Type.BOOL;
                }
                break;
            case "<", ">", ">=", "<=":
                if ((l.isNumber() && r.isNumber()) || maybe(l, r, Type.Kind.INT, Type.Kind.FLOAT)) {
                    return Type.BOOL;
                }
                break;
            case "+", "-", "*":
                if (l.isNumber() && r.isNumber()) {
                    return l.isInt() && r.isInt() ? Type.INT : Type.FLOAT;
                }
                if (maybe(l, r, Type.Kind.INT, Type.Kind.FLOAT)) {
                    return Type.UNKNOWN;
                }
                break;
            case "/", "**", "^":
                if ((l.isNumber() && r.isNumber()) || maybe(l, r, Type.Kind.INT, Type.Kind.FLOAT)) {
                    return Type.FLOAT;
                }
                break;
            case "%":
                if ((l.isInt() && r.isInt()) || maybe(l, r, Type.Kind.INT)) {
                    return Type.INT;
                }
                break;
            case "??":
                if (l.isNil() || r.isNil()) {
                    return l.isNil() ? r : l;
                }
                return r.assignableTo(l) ? l : Type.UNKNOWN;
            default:
                throw checker.error(binary, "unknown operator (" + operator + ")");
        }
        throw checker.error(binary, "invalid operation: " + operator + " (mismatched types " + l.natureName()
                + " and " + r.natureName() + ")");
    }

    /** expr-lang's {@code MaybeCompatible}: both unknown, or one unknown and the other of an allowed kind. */
    private static boolean maybe(Type l, Type r, Type.Kind... kinds) {
        return (l.isUnknown() && r.isUnknown()) || (l.isUnknown() && isAnyOf(r, kinds))
                || (r.isUnknown() && isAnyOf(l, kinds));
    }

    private static boolean isAnyOf(Type type, Type.Kind... kinds) {
        for (Type.Kind kind : kinds) {
            if (type.kind() == kind) {
                return true;
            }
        }
        return false;
    }

    private static Code code(Binary binary, Code l, Code r) {
        int position = binary.position();
        return switch (binary.operator()) {
            case "==" -> frame -> Ops.equal(l.run(frame), r.run(frame));
            case "!=" -> frame -> !Ops.equal(l.run(frame), r.run(frame));
            // Go's v.(bool) on the left only: "true && x" is x, whatever x is, as in expr-lang.
            case "and", "&&" -> frame -> Ops.asBool(l.run(frame), position) ? r.run(frame) : Boolean.FALSE;
            case "or", "||" -> frame -> Ops.asBool(l.run(frame), position) ? Boolean.TRUE : r.run(frame);
            case "<", ">", "<=", ">=" -> {
                String operator = binary.operator();
                yield frame -> Ops.compare(operator, l.run(frame), r.run(frame), position);
            }
            case "+" -> frame -> Ops.add(l.run(frame), r.run(frame), position);
            case "-" -> frame -> Ops.subtract(l.run(frame), r.run(frame), position);
            case "*" -> frame -> Ops.multiply(l.run(frame), r.run(frame), position);
            case "/" -> frame -> Ops.divide(l.run(frame), r.run(frame), position);
            case "%" -> frame -> Ops.modulo(l.run(frame), r.run(frame), position);
            case "**", "^" -> frame -> Ops.power(l.run(frame), r.run(frame), position);
            default -> frame -> { // ??
                Object value = l.run(frame);
                return value != null ? value : r.run(frame);
            };
        };
    }

    /** The int a node folds to ({@code 2}, {@code -1}, {@code 1 + 1}), which expr-lang's count rewrites look for. */
    private OptionalLong constantInt(Node node) {
        return checker.constant(node) instanceof Long value ? OptionalLong.of(value) : OptionalLong.empty();
    }
}
