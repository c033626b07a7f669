package dev.tide.formula;

import java.util.List;

/**
 * The syntax tree, one record per expr-lang AST node kind that formulas can contain. {@code position} is the char
 * index expr-lang reports errors at for that node (an operator's token for a binary node, the name for a call).
 */
sealed interface Node {

    int position();

    /** This node at another position: expr-lang moves a node that replaces another to the replaced one's place. */
    Node at(int position);

    /** The nodes this one evaluates, for the parser's depth check. */
    default List<Node> children() {
        return List.of();
    }

    record NilLiteral(int position) implements Node {

        @Override
        public Node at(int position) {
            return new NilLiteral(position);
        }
    }

    record BoolLiteral(boolean value, int position) implements Node {

        @Override
        public Node at(int position) {
            return new BoolLiteral(value, position);
        }
    }

    record IntLiteral(long value, int position) implements Node {

        @Override
        public Node at(int position) {
            return new IntLiteral(value, position);
        }
    }

    record FloatLiteral(double value, int position) implements Node {

        @Override
        public Node at(int position) {
            return new FloatLiteral(value, position);
        }
    }

    /** A trigger name or a {@code let} variable. */
    record Identifier(String name, int position) implements Node {

        @Override
        public Node at(int position) {
            return new Identifier(name, position);
        }
    }

    /** {@code -x}, {@code +x}, {@code !x}, {@code not x}. */
    record Unary(String operator, Node operand, int position) implements Node {

        @Override
        public Node at(int position) {
            return new Unary(operator, operand, position);
        }

        @Override
        public List<Node> children() {
            return List.of(operand);
        }
    }

    record Binary(String operator, Node left, Node right, int position) implements Node {

        @Override
        public Node at(int position) {
            return new Binary(operator, left, right, position);
        }

        @Override
        public List<Node> children() {
            return List.of(left, right);
        }
    }

    /** The ternary {@code c ? a : b}, its short form {@code c ?: b}, and {@code if c { a } else { b }}. */
    record Conditional(Node condition, Node then, Node otherwise, int position) implements Node {

        @Override
        public Node at(int position) {
            return new Conditional(condition, then, otherwise, position);
        }

        @Override
        public List<Node> children() {
            return List.of(condition, then, otherwise);
        }
    }

    record ArrayLiteral(List<Node> elements, int position) implements Node {

        @Override
        public Node at(int position) {
            return new ArrayLiteral(elements, position);
        }

        @Override
        public List<Node> children() {
            return elements;
        }
    }

    /** A call of one of expr-lang's builtins by name, predicates included ({@code count(xs, {# > 1})}). */
    record BuiltinCall(String name, List<Node> arguments, int position) implements Node {

        @Override
        public Node at(int position) {
            return new BuiltinCall(name, arguments, position);
        }

        @Override
        public List<Node> children() {
            return arguments;
        }
    }

    /** A call of anything else: the checker refuses it with expr-lang's message. */
    record Call(String callee, List<Node> arguments, int position) implements Node {

        @Override
        public Node at(int position) {
            return new Call(callee, arguments, position);
        }

        @Override
        public List<Node> children() {
            return arguments;
        }
    }

    /** The {@code {...}} argument of a predicate builtin, run once per element. */
    record Predicate(Node body, int position) implements Node {

        @Override
        public Node at(int position) {
            return new Predicate(body, position);
        }

        @Override
        public List<Node> children() {
            return List.of(body);
        }
    }

    /** {@code #} (the current element) or {@code #name} inside a predicate. */
    record Pointer(String name, int position) implements Node {

        @Override
        public Node at(int position) {
            return new Pointer(name, position);
        }
    }

    /** {@code let name = value; body}. */
    record Let(String name, Node value, Node body, int position) implements Node {

        @Override
        public Node at(int position) {
            return new Let(name, value, body, position);
        }

        @Override
        public List<Node> children() {
            return List.of(value, body);
        }
    }

    /** {@code a; b}: each runs, the last one is the value. */
    record Sequence(List<Node> nodes, int position) implements Node {

        @Override
        public Node at(int position) {
            return new Sequence(nodes, position);
        }

        @Override
        public List<Node> children() {
            return nodes;
        }
    }
}
