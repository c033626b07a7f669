package dev.tide.formula;

import dev.tide.formula.Checker.Checked;
import dev.tide.formula.Checker.PredicateScope;
import dev.tide.formula.Node.ArrayLiteral;
import dev.tide.formula.Node.BuiltinCall;
import dev.tide.formula.Node.Predicate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The predicate builtins ({@code all}, {@code none}, {@code any}, {@code one}, {@code filter}, {@code map},
 * {@code count}, {@code sum}) for {@link Checker}: expr-lang's checks ({@code builtinNode}) and loops
 * ({@code compiler.BuiltinNode}). Each iteration counts against {@link Limits#MAX_ITERATIONS}.
 */
final class Predicates {

    /** What a loop does with each element's predicate result. */
    @FunctionalInterface
    private interface Body {
        Object run(Frame frame, List<?> elements, Code predicate, int level, int position);
    }

    private final Checker checker;

    Predicates(Checker checker) {
        this.checker = checker;
    }

    Checked check(BuiltinCall call) {
        String name = call.name();
        if (name.equals("count")) {
            return count(call, 0);
        }
        if (name.equals("sum")) {
            return sum(call);
        }
        Checked collection = collection(call);
        Type element = collection.type().elementOrUnknown();
        int level = checker.beginPredicate(new PredicateScope(element, name.equals("map")));
        Checked predicate = predicate(call);
        checker.endPredicate();
        if (name.equals("map")) {
            return loop(call, Type.arrayOf(predicate.type()), collection, predicate, level, Predicates::map);
        }
        requireBoolean(call, predicate.type());
        return switch (name) {
            case "all" -> loop(call, Type.BOOL, collection, predicate, level, Predicates::all);
            case "none" -> loop(call, Type.BOOL, collection, predicate, level, Predicates::none);
            case "any" -> loop(call, Type.BOOL, collection, predicate, level, Predicates::any);
            case "one" -> loop(call, Type.BOOL, collection, predicate, level, Predicates::one);
            default -> loop(call, Type.arrayOf(collection.type().isUnknown() ? Type.ANY : element), collection,
                    predicate, level, Predicates::filter);
        };
    }

    /**
     * {@code count(xs)} counts true elements, {@code count(xs, p)} the elements p holds for.
     *
     * @param threshold stop counting once this many are found (expr-lang's countThreshold); 0 counts all
     */
    Checked count(BuiltinCall call, long threshold) {
        Checked collection = collection(call);
        int level = checker.beginPredicate(new PredicateScope(collection.type().elementOrUnknown(), false));
        Checked predicate = call.arguments().size() == 2 ? predicate(call)
                : new Checked(Type.BOOL, frame -> frame.items[level]);
        checker.endPredicate();
        requireBoolean(call, predicate.type());
        return loop(call, Type.INT, collection, predicate, level, (frame, elements, p, lvl, position) -> {
            long count = 0;
            for (int i = 0; i < elements.size(); i++) {
                if (Ops.asBool(item(frame, elements, i, lvl, position, p), position) && ++count == threshold) {
                    break;
                }
            }
            return count;
        });
    }

    /** {@code sum(xs)} and {@code sum(xs, p)}: an int 0 plus each value; {@code sum([a, b, c])} is a + (b + c). */
    private Checked sum(BuiltinCall call) {
        Checked collection = collection(call);
        Type element = collection.type().elementOrUnknown();
        if (call.arguments().size() == 1 && call.arguments().get(0) instanceof ArrayLiteral array
                && array.elements().size() >= 2 && !allConstant(array)) {
            // expr-lang's sumArray rewrite, after type checking: the elements are added from the right, as
            // a + (b + c), by new nodes that carry no position (their errors point at column 1).
            List<Node> elements = array.elements();
            Code folded = checker.visit(elements.get(elements.size() - 1)).code();
            for (int i = elements.size() - 2; i >= 0; i--) {
                Code left = checker.visit(elements.get(i)).code();
                Code right = folded;
                int position = i == 0 ? call.position() : 0; // the outermost takes the call's place
                folded = frame -> Ops.add(left.run(frame), right.run(frame), position);
            }
            return new Checked(element, folded);
        }
        int level = checker.beginPredicate(new PredicateScope(element, false));
        Checked predicate = call.arguments().size() == 2 ? predicate(call)
                : new Checked(element, frame -> frame.items[level]);
        checker.endPredicate();
        // A predicate's result is typed interface {} when unknown, as expr-lang types func(any) any.
        Type type = call.arguments().size() == 1 ? element : predicate.type().isUnknown() ? Type.ANY : predicate.type();
        return loop(call, type, collection, predicate, level, (frame, elements, p, lvl, position) -> {
            Object total = 0L;
            for (int i = 0; i < elements.size(); i++) {
                total = Ops.add(item(frame, elements, i, lvl, position, p), total, position);
            }
            return total;
        });
    }

    /** An all-literal list is folded to a constant first, and then summed by the loop, not as a + (b + c). */
    private boolean allConstant(ArrayLiteral array) {
        for (Node element : array.elements()) {
            if (checker.constant(element) == null) {
                return false;
            }
        }
        return true;
    }

    private Checked collection(BuiltinCall call) {
        Checked collection = checker.visit(call.arguments().get(0));
        Type type = collection.type();
        if (!type.isArray() && !type.isUnknown()) {
            throw checker.error(call.arguments().get(0), "builtin " + call.name() + " takes only array (got "
                    + type.natureName() + ")");
        }
        return collection;
    }

    /** The predicate's body; a body that is the literal nil has no result, which expr-lang refuses. */
    private Checked predicate(BuiltinCall call) {
        Predicate predicate = (Predicate) call.arguments().get(1);
        Checked body = checker.visit(predicate.body());
        if (body.type().isNil()) {
            // sum falls through to expr-lang's generic function check, which words it differently.
            throw checker.error(predicate, call.name().equals("sum")
                    ? "cannot use func(interface {}) as argument (type func(interface {}) bool) to call sum "
                    : "predicate should has one input and one output param");
        }
        return body;
    }

    private void requireBoolean(BuiltinCall call, Type type) {
        if (!type.isBool() && !type.isUnknown()) {
            throw checker.error(call.arguments().get(1), "predicate should return boolean (got "
                    + type.natureName() + ")");
        }
    }

    private static Checked loop(BuiltinCall call, Type type, Checked collection, Checked predicate, int level,
            Body body) {
        Code elements = collection.code();
        Code test = predicate.code();
        int position = call.position();
        return new Checked(type, frame -> body.run(frame, list(elements.run(frame), position), test, level,
                position));
    }

    /** Sets {@code #} to element i and runs the predicate, counting the iteration. */
    private static Object item(Frame frame, List<?> elements, int i, int level, int position, Code predicate) {
        frame.iterate(position);
        frame.items[level] = elements.get(i);
        frame.indexes[level] = i;
        return predicate.run(frame);
    }

    /** The collection as a list; expr-lang's loop takes the length by reflection, and fails as reflection does. */
    private static List<?> list(Object value, int position) {
        if (value instanceof List<?> list) {
            return list;
        }
        String what = value == null ? "zero Value" : GoText.typeName(value) + " Value";
        throw new EvalError(position, "reflect: call of reflect.Value.Len on " + what);
    }

    private static Object all(Frame frame, List<?> elements, Code p, int level, int position) {
        for (int i = 0; i < elements.size(); i++) {
            if (!Ops.asBool(item(frame, elements, i, level, position, p), position)) {
                return false;
            }
        }
        return true;
    }

    private static Object none(Frame frame, List<?> elements, Code p, int level, int position) {
        for (int i = 0; i < elements.size(); i++) {
            if (Ops.asBool(item(frame, elements, i, level, position, p), position)) {
                return false;
            }
        }
        return true;
    }

    private static Object any(Frame frame, List<?> elements, Code p, int level, int position) {
        for (int i = 0; i < elements.size(); i++) {
            if (Ops.asBool(item(frame, elements, i, level, position, p), position)) {
                return true;
            }
        }
        return false;
    }

    private static Object one(Frame frame, List<?> elements, Code p, int level, int position) {
        int matches = 0;
        for (int i = 0; i < elements.size(); i++) {
            if (Ops.asBool(item(frame, elements, i, level, position, p), position)) {
                matches++;
            }
        }
        return matches == 1;
    }

    private static Object filter(Frame frame, List<?> elements, Code p, int level, int position) {
        List<Object> kept = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            if (Ops.asBool(item(frame, elements, i, level, position, p), position)) {
                kept.add(elements.get(i));
            }
        }
        frame.allocate(kept.size(), position);
        return Collections.unmodifiableList(kept);
    }

    private static Object map(Frame frame, List<?> elements, Code p, int level, int position) {
        List<Object> mapped = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            mapped.add(item(frame, elements, i, level, position, p));
        }
        frame.allocate(mapped.size(), position);
        return Collections.unmodifiableList(mapped);
    }
}
