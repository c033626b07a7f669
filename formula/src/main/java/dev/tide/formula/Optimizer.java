package dev.tide.formula;

import dev.tide.formula.Checker.Checked;
import dev.tide.formula.Node.Binary;
import dev.tide.formula.Node.BuiltinCall;
import dev.tide.formula.Node.Predicate;
import java.util.List;
import java.util.OptionalLong;

/**
 * The rewrites of expr-lang's optimizer ({@code optimizer/}) that change what a formula returns or how it fails,
 * applied as expr-lang applies them: after the node has type-checked, children first. Each one is observable
 * with nil values, because the rewritten form stops earlier or evaluates in another order:
 * <ul>
 *   <li>{@code x && true} is x and {@code x || true} is true, without running or checking x ({@code fold.go});</li>
 *   <li>{@code all(xs, p) && all(xs, q)} is {@code all(xs, p && q)}, and alike for {@code any ||} and
 *       {@code none &&} ({@code predicate_combination.go});</li>
 *   <li>{@code len(filter(xs, p))} is {@code count(xs, p)} and {@code sum(map(xs, p))} is {@code sum(xs, p)};</li>
 *   <li>{@code count(xs, p) > 0} is {@code any(xs, p)}, and {@code count(xs, p) > n} stops counting at n + 1
 *       ({@code count_any.go}, {@code count_threshold.go}).</li>
 * </ul>
 * A rewritten node is recorded with {@link Checker#replace}, so that a parent matches it as expr-lang's next pass
 * would see it.
 */
final class Optimizer {

    private final Checker checker;

    Optimizer(Checker checker) {
        this.checker = checker;
    }

    /** The rewritten binary node, or {@code null} when none applies. */
    Checked binary(Binary binary, Type type, Checked right) {
        String operator = binary.operator();
        if (operator.equals("and") || operator.equals("&&") || operator.equals("or") || operator.equals("||")) {
            Checked folded = checker.isFoldable(binary) ? foldLogical(binary, type) : null;
            return folded != null ? folded : combinePredicates(binary, type);
        }
        return count(binary, type, right);
    }

    /** {@code len(filter(xs, p))} and {@code sum(map(xs, p))}, once the original has type-checked. */
    Checked builtin(BuiltinCall call, Checked original) {
        if (call.arguments().size() != 1 || !(call.arguments().get(0) instanceof BuiltinCall inner)
                || inner.arguments().size() != 2) {
            return original;
        }
        String rewritten = call.name().equals("len") && inner.name().equals("filter") ? "count"
                : call.name().equals("sum") && inner.name().equals("map") ? "sum" : null;
        if (rewritten == null) {
            return original;
        }
        BuiltinCall replacement = new BuiltinCall(rewritten, inner.arguments(), call.position());
        Checked checked = checker.visit(replacement);
        checker.replace(call, replacement);
        return new Checked(original.type(), checked.code());
    }

    private Checked foldLogical(Binary binary, Type type) {
        boolean and = binary.operator().equals("and") || binary.operator().equals("&&");
        Boolean neutral = and;
        Object l = checker.constant(binary.left());
        Object r = checker.constant(binary.right());
        if (neutral.equals(l) || neutral.equals(r)) {
            // The node becomes the other side, unchecked ("true && 5" is 5), moved to the operator's position,
            // where its own run-time errors are then reported.
            Node survivor = (neutral.equals(l) ? binary.right() : binary.left()).at(binary.position());
            Checked moved = checker.visit(survivor);
            checker.replace(binary, checker.effective(survivor));
            return new Checked(type, moved.code());
        }
        if (Boolean.valueOf(!and).equals(l) || Boolean.valueOf(!and).equals(r)) {
            Boolean result = !and;
            return new Checked(type, frame -> result);
        }
        return null;
    }

    private Checked combinePredicates(Binary binary, Type type) {
        if (!(checker.effective(binary.left()) instanceof BuiltinCall l)
                || !(checker.effective(binary.right()) instanceof BuiltinCall r) || !l.name().equals(r.name())) {
            return null;
        }
        String operator = binary.operator();
        String combined = switch (l.name()) {
            case "all" -> operator.equals("and") || operator.equals("&&") ? operator : null;
            case "any" -> operator.equals("or") || operator.equals("||") ? operator : null;
            case "none" -> operator.equals("and") ? "or" : operator.equals("&&") ? "||" : null;
            default -> null;
        };
        Node collection = l.arguments().get(0);
        if (combined == null || !checker.typeOf(collection).natureName()
                .equals(checker.typeOf(r.arguments().get(0)).natureName())
                || !Shape.of(collection).equals(Shape.of(r.arguments().get(0)))) {
            return null;
        }
        // The new nodes carry no position in expr-lang (errors there point at column 1); the call takes the
        // binary node's.
        Binary both = new Binary(combined, ((Predicate) l.arguments().get(1)).body(),
                ((Predicate) r.arguments().get(1)).body(), 0);
        checker.doNotFold(both);
        Predicate predicate = new Predicate(both, 0);
        BuiltinCall replacement = new BuiltinCall(l.name(), List.of(collection, predicate), binary.position());
        Checked checked = checker.visit(replacement);
        checker.replace(binary, replacement);
        return new Checked(type, checked.code());
    }

    private Checked count(Binary binary, Type type, Checked right) {
        OptionalLong bound = checker.constant(binary.right()) instanceof Long value
                ? OptionalLong.of(value) : OptionalLong.empty();
        if (!(checker.effective(binary.left()) instanceof BuiltinCall count) || !count.name().equals("count")
                || count.arguments().size() != 2 || bound.isEmpty()) {
            return null;
        }
        String operator = binary.operator();
        long n = bound.getAsLong();
        if ((operator.equals(">") && n == 0) || (operator.equals(">=") && n == 1)) {
            // Not recorded as a replacement: this pass runs last in expr-lang, so no parent is merged with it.
            BuiltinCall any = new BuiltinCall("any", count.arguments(), binary.position());
            return new Checked(type, checker.visit(any).code());
        }
        long threshold = switch (operator) {
            case ">", "<=" -> n + 1;
            case ">=", "<" -> n;
            default -> 0;
        };
        if (n < 0 || threshold <= 1) {
            return null;
        }
        Code counted = new Predicates(checker).count(count, threshold).code();
        Code limit = right.code();
        int position = binary.position();
        return new Checked(type, frame -> Ops.compare(operator, counted.run(frame), limit.run(frame), position));
    }
}
