package dev.tide.formula;

import dev.tide.formula.Node.ArrayLiteral;
import dev.tide.formula.Node.Binary;
import dev.tide.formula.Node.BoolLiteral;
import dev.tide.formula.Node.BuiltinCall;
import dev.tide.formula.Node.Call;
import dev.tide.formula.Node.Conditional;
import dev.tide.formula.Node.FloatLiteral;
import dev.tide.formula.Node.Identifier;
import dev.tide.formula.Node.IntLiteral;
import dev.tide.formula.Node.Let;
import dev.tide.formula.Node.NilLiteral;
import dev.tide.formula.Node.Pointer;
import dev.tide.formula.Node.Sequence;
import dev.tide.formula.Node.Unary;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * expr-lang's type checker ({@code checker/checker.go}) for an environment of float64 variables, fused with code
 * generation: each node is checked the way expr-lang checks it (same rules, same messages, first error wins) and
 * turned into {@link Code} that behaves as expr-lang's compiled program does, including the optimizer rewrites
 * whose effect a user can observe. Operators live in {@link Operations}, predicate builtins in {@link Predicates},
 * the rewrites in {@link Optimizer} ({@code sum([a, b])} as {@code a + b} in {@link Predicates}).
 */
final class Checker {

    /** A checked node: its static type and the code that computes it. */
    record Checked(Type type, Code code) {
    }

    /** A {@code let} variable in scope. */
    private record LetVariable(String name, Type type, int slot) {
    }

    /** An enclosing predicate: the type of its {@code #}, and whether {@code #index} exists there. */
    record PredicateScope(Type element, boolean hasIndex) {
    }

    /** The checked formula: what it returns, its code, and the frame size it needs. */
    record Program(Type type, Code code, int slots, int predicateDepth) {
    }

    private final String source;
    private final Map<String, Integer> environment = new HashMap<>();
    private final Map<Node, Checked> visited = new IdentityHashMap<>();
    private final Map<Node, Integer> letSlots = new IdentityHashMap<>();
    private final Map<Node, Object> constants = new IdentityHashMap<>();
    private final Map<Node, Type> types = new IdentityHashMap<>();
    private final Map<Node, Node> rewritten = new IdentityHashMap<>();
    private final Set<Node> unfolded = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Optimizer optimizer = new Optimizer(this);
    private final Deque<LetVariable> lets = new ArrayDeque<>();
    private final List<PredicateScope> predicates = new ArrayList<>();
    private final Operations operations = new Operations(this);
    private final Predicates predicateBuiltins = new Predicates(this);
    private int slots;
    private FormulaException foldError;
    private int maxPredicateDepth;

    private Checker(String source, List<String> variables) {
        this.source = source;
        for (String variable : variables) {
            environment.put(variable, slots++);
        }
    }

    /** Checks {@code root}; {@code variables} take slots 0..n-1 of the frame, in this order. */
    static Program check(String source, Node root, List<String> variables) {
        Checker checker = new Checker(source, variables);
        Checked checked = checker.visit(root);
        if (checker.foldError != null) {
            throw checker.foldError;
        }
        return new Program(checked.type(), checked.code(), checker.slots, checker.maxPredicateDepth);
    }

    /**
     * Checks a node and records, for its parent, its type and what it folds to. A node is checked once: the
     * optimizer's rewrites build new nodes over already checked children, and checking those again at every level
     * would make a chain of rewrites ({@code a or false or false ...}) cost exponential time. Reusing the code is
     * sound because a rewritten node sits where the original did (same {@code let}s, same predicate level).
     */
    Checked visit(Node node) {
        Checked known = visited.get(node);
        if (known != null) {
            return known;
        }
        Checked checked = dispatch(node);
        visited.put(node, checked);
        Object constant = unfolded.contains(node) ? null : Folding.constant(node, constants::get);
        if (constant != null) {
            constants.put(node, constant);
        }
        types.put(node, checked.type());
        return checked;
    }

    /** What a visited node folds to, as expr-lang's optimizer would fold it; {@code null} if nothing. */
    Object constant(Node node) {
        return constants.get(node);
    }

    /** The static type of a visited node. */
    Type typeOf(Node node) {
        return types.getOrDefault(node, Type.UNKNOWN);
    }

    /** The node as expr-lang's optimizer left it: itself, or what {@link Optimizer} rewrote it to. */
    Node effective(Node node) {
        return rewritten.getOrDefault(node, node);
    }

    void replace(Node node, Node replacement) {
        rewritten.put(node, replacement);
    }

    /** Records an error of expr-lang's constant folder, which runs after type checking: the first one wins. */
    void foldError(Node node, String message) {
        if (foldError == null) {
            foldError = error(node, message);
        }
    }

    /** Marks a node the optimizer created after folding, which expr-lang therefore never folds. */
    void doNotFold(Node node) {
        unfolded.add(node);
    }

    boolean isFoldable(Node node) {
        return !unfolded.contains(node);
    }

    Optimizer optimizer() {
        return optimizer;
    }

    private Checked dispatch(Node node) {
        if (node instanceof NilLiteral) {
            return new Checked(Type.NIL, frame -> null);
        }
        if (node instanceof BoolLiteral literal) {
            Boolean value = literal.value();
            return new Checked(Type.BOOL, frame -> value);
        }
        if (node instanceof IntLiteral literal) {
            Long value = literal.value();
            return new Checked(Type.INT, frame -> value);
        }
        if (node instanceof FloatLiteral literal) {
            Double value = literal.value();
            return new Checked(Type.FLOAT, frame -> value);
        }
        if (node instanceof Identifier identifier) {
            return identifier(identifier);
        }
        if (node instanceof Unary unary) {
            return operations.unary(unary);
        }
        if (node instanceof Binary binary) {
            return operations.binary(binary);
        }
        if (node instanceof Conditional conditional) {
            return conditional(conditional);
        }
        if (node instanceof ArrayLiteral array) {
            return array(array);
        }
        if (node instanceof BuiltinCall call) {
            return builtin(call);
        }
        if (node instanceof Call call) {
            return call(call);
        }
        if (node instanceof Pointer pointer) {
            return pointer(pointer);
        }
        if (node instanceof Let let) {
            return let(let);
        }
        if (node instanceof Sequence sequence) {
            return sequence(sequence);
        }
        // A Predicate is only ever visited through its builtin.
        throw error(node, "unexpected predicate");
    }

    private Checked identifier(Identifier identifier) {
        String name = identifier.name();
        for (LetVariable variable : lets) {
            if (variable.name().equals(name)) {
                int slot = variable.slot();
                return new Checked(variable.type(), frame -> frame.slots[slot]);
            }
        }
        if (name.equals("$env")) {
            throw error(identifier, "$env is not supported in formulas");
        }
        Integer slot = environment.get(name);
        if (slot != null) {
            int index = slot;
            return new Checked(Type.FLOAT, frame -> frame.slots[index]);
        }
        if (Builtins.isAnyBuiltin(name)) {
            throw error(identifier, "builtin " + name + " can only be called");
        }
        throw error(identifier, "unknown name " + name);
    }

    private Checked conditional(Conditional conditional) {
        Checked condition = visit(conditional.condition());
        Type conditionType = condition.type();
        if (!conditionType.isBool() && !conditionType.isUnknown()) {
            throw error(conditional.condition(), "non-bool expression (type " + conditionType.natureName()
                    + ") used as condition");
        }
        Checked then = visit(conditional.then());
        Checked otherwise = visit(conditional.otherwise());
        Type t1 = then.type();
        Type t2 = otherwise.type();
        Type type;
        if (t1.isNil() || t2.isNil()) {
            type = t1.isNil() ? t2 : t1;
        } else if (t1.assignableTo(t2)) {
            boolean sameElements = !t1.isArray()
                    || (t1.element().assignableTo(t2.element()) && t2.element().assignableTo(t1.element()));
            type = sameElements ? t1 : Type.arrayOf(Type.ANY);
        } else {
            type = Type.UNKNOWN;
        }
        Code test = condition.code();
        Code a = then.code();
        Code b = otherwise.code();
        int position = conditional.position();
        return new Checked(type, frame -> Ops.asBool(test.run(frame), position) ? a.run(frame) : b.run(frame));
    }

    private Checked array(ArrayLiteral array) {
        List<Node> elements = array.elements();
        Code[] codes = new Code[elements.size()];
        Type previous = Type.UNKNOWN;
        boolean sameKind = true;
        for (int i = 0; i < codes.length; i++) {
            Checked element = visit(elements.get(i));
            if (i > 0 && !element.type().sameKindAs(previous)) {
                sameKind = false;
            }
            previous = element.type();
            codes[i] = element.code();
        }
        Type type = Type.arrayOf(sameKind ? previous : Type.ANY);
        if (!elements.isEmpty() && elements.stream().allMatch(element -> constant(element) != null)) {
            // expr-lang folds an all-literal list into one constant, built once and free of its memory budget.
            List<Object> constant = elements.stream().map(this::constant).toList();
            return new Checked(type, frame -> constant);
        }
        int position = array.position();
        return new Checked(type, frame -> {
            Object[] values = new Object[codes.length];
            for (int i = 0; i < codes.length; i++) {
                values[i] = codes[i].run(frame);
            }
            frame.allocate(values.length, position);
            return Collections.unmodifiableList(Arrays.asList(values));
        });
    }

    private Checked builtin(BuiltinCall call) {
        String name = call.name();
        if (Builtins.PREDICATES.containsKey(name)) {
            if (!Builtins.SUPPORTED_PREDICATES.contains(name)) {
                throw error(call, "builtin " + name + " is not supported in formulas");
            }
            return optimizer.builtin(call, predicateBuiltins.check(call));
        }
        if (!Builtins.SUPPORTED_FUNCTIONS.contains(name)) {
            throw error(call, "builtin " + name + " is not supported in formulas");
        }
        List<Type> types = new ArrayList<>();
        Code[] arguments = new Code[call.arguments().size()];
        for (int i = 0; i < arguments.length; i++) {
            Checked argument = visit(call.arguments().get(i));
            types.add(argument.type());
            arguments[i] = argument.code();
        }
        String[] message = new String[1];
        Type type = Builtins.check(name, types, message);
        if (type == null) {
            throw error(call, message[0]);
        }
        int position = call.position();
        return optimizer.builtin(call, new Checked(type, frame -> {
            Object[] values = new Object[arguments.length];
            for (int i = 0; i < arguments.length; i++) {
                values[i] = arguments[i].run(frame);
            }
            return Builtins.run(name, values, position);
        }));
    }

    /** A call of a name that is no builtin: a variable is not callable, anything else is unknown. */
    private Checked call(Call call) {
        String name = call.callee();
        for (LetVariable variable : lets) {
            if (variable.name().equals(name)) {
                throw error(call, variable.type().natureName() + " is not callable");
            }
        }
        if (environment.containsKey(name)) {
            throw error(call, "float64 is not callable");
        }
        throw error(call, "unknown name " + name);
    }

    private Checked pointer(Pointer pointer) {
        PredicateScope scope = predicates.get(predicates.size() - 1);
        int level = predicates.size() - 1;
        if (pointer.name().isEmpty()) {
            return new Checked(scope.element(), frame -> frame.items[level]);
        }
        if (pointer.name().equals("index") && scope.hasIndex()) {
            return new Checked(Type.INT, frame -> frame.indexes[level]);
        }
        throw error(pointer, "unknown pointer #" + pointer.name());
    }

    private Checked let(Let let) {
        String name = let.name();
        if (environment.containsKey(name)) {
            throw error(let, "cannot redeclare " + name);
        }
        if (Builtins.isAnyBuiltin(name)) {
            throw error(let, "cannot redeclare builtin " + name);
        }
        for (LetVariable variable : lets) {
            if (variable.name().equals(name)) {
                throw error(let, "cannot redeclare variable " + name);
            }
        }
        Checked value = visit(let.value());
        // Keyed by the value's node, so that a copy of this let made by the optimizer writes the slot its
        // (already checked, shared) body reads.
        int slot = letSlots.computeIfAbsent(let.value(), node -> slots++);
        lets.push(new LetVariable(name, value.type(), slot));
        Checked body = visit(let.body());
        lets.pop();
        Code valueCode = value.code();
        Code bodyCode = body.code();
        return new Checked(body.type(), frame -> {
            frame.slots[slot] = valueCode.run(frame);
            return bodyCode.run(frame);
        });
    }

    private Checked sequence(Sequence sequence) {
        Code[] codes = new Code[sequence.nodes().size()];
        Type last = Type.UNKNOWN;
        for (int i = 0; i < codes.length; i++) {
            Checked checked = visit(sequence.nodes().get(i));
            codes[i] = checked.code();
            last = checked.type();
        }
        return new Checked(last, frame -> {
            Object value = null;
            for (Code code : codes) {
                value = code.run(frame);
            }
            return value;
        });
    }

    /** Enters a predicate; returns its level, the index of its {@code #} in the frame. */
    int beginPredicate(PredicateScope scope) {
        predicates.add(scope);
        maxPredicateDepth = Math.max(maxPredicateDepth, predicates.size());
        return predicates.size() - 1;
    }

    void endPredicate() {
        predicates.remove(predicates.size() - 1);
    }

    FormulaException error(Node node, String message) {
        return SourceError.at(source, node.position(), message);
    }
}
