package dev.tide.formula;

import dev.tide.formula.Node.ArrayLiteral;
import dev.tide.formula.Node.Binary;
import dev.tide.formula.Node.BoolLiteral;
import dev.tide.formula.Node.BuiltinCall;
import dev.tide.formula.Node.Call;
import dev.tide.formula.Node.Conditional;
import dev.tide.formula.Node.Identifier;
import dev.tide.formula.Node.Let;
import dev.tide.formula.Node.NilLiteral;
import dev.tide.formula.Node.Pointer;
import dev.tide.formula.Node.Predicate;
import dev.tide.formula.Node.Sequence;
import dev.tide.formula.Node.Unary;
import dev.tide.formula.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * expr-lang's precedence-climbing parser ({@code parser/parser.go}), function for function, so that formulas
 * group, chain and fail exactly where they do in KEDA. Every recursion passes {@link #enter()}, which refuses
 * nesting beyond {@link Limits#MAX_NESTING} before the stack could suffer; every node counts against
 * {@link Limits#MAX_NODES} and its height against {@link Limits#MAX_DEPTH} ({@link TreeSize}).
 *
 * <p>What expr-lang parses but formulas do not need (member access, indexing, slices, maps, the pipe, {@code in}
 * and the string operators) is refused here with a message naming it.
 */
final class Parser {

    private final String source;
    private final Set<String> variables;
    private final Lexer lexer;
    private Token current;
    private int nesting;
    private int predicateDepth;
    private final TreeSize size = new TreeSize();

    private Parser(String source, Set<String> variables) {
        this.source = source;
        this.variables = variables;
        this.lexer = new Lexer(source);
        this.current = lexer.next();
    }

    /**
     * Parses a whole formula.
     *
     * @param variables the environment's names: like expr-lang, a call of a name that is also a variable is a
     *     call of that variable (and fails in the checker), not of the builtin
     */
    static Node parse(String source, Set<String> variables) {
        Parser parser = new Parser(source, variables);
        Node node = parser.parseSequence();
        if (!parser.current.is(Kind.EOF)) {
            throw parser.error(parser.current, "unexpected token " + parser.current);
        }
        return node;
    }

    private Node parseSequence() {
        List<Node> sequence = new ArrayList<>();
        sequence.add(parseExpression(0));
        while (current.is(Kind.OPERATOR, ";")) {
            next();
            if (current.is(Kind.EOF)) {
                break;
            }
            sequence.add(parseExpression(0));
        }
        if (sequence.size() == 1) {
            return sequence.get(0);
        }
        return node(new Sequence(List.copyOf(sequence), sequence.get(0).position()));
    }

    private Node parseExpression(int precedence) {
        enter();
        try {
            if (precedence == 0 && current.is(Kind.OPERATOR, "let")) {
                return parseLet();
            }
            if (precedence == 0 && current.is(Kind.OPERATOR, "if")) {
                return parseIf();
            }
            Node left = parsePrimary();
            String previous = "";
            Token operatorToken = current;
            while (operatorToken.is(Kind.OPERATOR)) {
                if (operatorToken.value().equals("not")) {
                    next();
                    if (Lexer.isNegatable(current.value())) {
                        throw unsupported(operatorToken, "operator not " + current.value());
                    }
                    throw error(current, "unexpected token " + current);
                }
                Operators.Binary operator = Operators.BINARY.get(operatorToken.value());
                if (operator == null || operator.precedence() < precedence) {
                    break;
                }
                next();
                if (Operators.UNSUPPORTED.contains(operatorToken.value())) {
                    throw unsupported(operatorToken, "operator " + operatorToken.value());
                }
                if (previous.equals("??") && !operatorToken.value().equals("??")) {
                    throw error(operatorToken, "Operator (" + operatorToken.value()
                            + ") and coalesce expressions (??) cannot be mixed. Wrap either by parentheses.");
                }
                if (Operators.COMPARISONS.contains(operatorToken.value())) {
                    left = parseComparison(left, operatorToken, operator.precedence());
                } else {
                    Node right = parseExpression(operator.leftAssociative()
                            ? operator.precedence() + 1 : operator.precedence());
                    left = node(new Binary(operatorToken.value(), left, right, operatorToken.position()));
                }
                previous = operatorToken.value();
                operatorToken = current;
            }
            return precedence == 0 ? parseConditional(left) : left;
        } finally {
            nesting--;
        }
    }

    private Node parseLet() {
        expect(Kind.OPERATOR, "let");
        Token name = current;
        expect(Kind.IDENTIFIER, null);
        expect(Kind.OPERATOR, "=");
        Node value = parseExpression(0);
        expect(Kind.OPERATOR, ";");
        Node body = parseSequence();
        return node(new Let(name.value(), value, body, name.position()));
    }

    /** {@code if c { a } else { b }}, with {@code else if} chains; each link nests, so each one enters. */
    private Node parseIf() {
        enter();
        try {
            Token ifToken = current;
            next();
            Node condition = parseExpression(0);
            expect(Kind.BRACKET, "{");
            Node then = parseSequence();
            expect(Kind.BRACKET, "}");
            expect(Kind.OPERATOR, "else");
            Node otherwise;
            if (current.is(Kind.OPERATOR, "if")) {
                otherwise = parseIf();
            } else {
                expect(Kind.BRACKET, "{");
                otherwise = parseSequence();
                expect(Kind.BRACKET, "}");
            }
            return node(new Conditional(condition, then, otherwise, ifToken.position()));
        } finally {
            nesting--;
        }
    }

    /** {@code c ? a : b} and {@code c ?: b}; expr-lang places the node at the token after it. */
    private Node parseConditional(Node condition) {
        Node node = condition;
        while (current.is(Kind.OPERATOR, "?")) {
            next();
            Node then;
            Node otherwise;
            if (!current.is(Kind.OPERATOR, ":")) {
                then = parseExpression(0);
                expect(Kind.OPERATOR, ":");
                otherwise = parseExpression(0);
            } else {
                next();
                then = node;
                otherwise = parseExpression(0);
            }
            node = node(new Conditional(node, then, otherwise, current.position()));
        }
        return node;
    }

    /** {@code a < b < c} is {@code a < b && b < c}, as in expr-lang. */
    private Node parseComparison(Node left, Token operator, int precedence) {
        Node root = null;
        Node leftOperand = left;
        Token operatorToken = operator;
        while (true) {
            Node comparator = parseExpression(precedence + 1);
            Node comparison = node(new Binary(operatorToken.value(), leftOperand, comparator,
                    operatorToken.position()));
            root = root == null ? comparison
                    : node(new Binary("&&", root, comparison, operatorToken.position()));
            leftOperand = comparator;
            operatorToken = current;
            if (!(operatorToken.is(Kind.OPERATOR) && Operators.COMPARISONS.contains(operatorToken.value()))) {
                return root;
            }
            next();
        }
    }

    private Node parsePrimary() {
        Token token = current;
        if (token.is(Kind.OPERATOR) && Operators.UNARY.containsKey(token.value())) {
            next();
            Node operand = parseExpression(Operators.UNARY.get(token.value()));
            return parsePostfix(node(new Unary(token.value(), operand, token.position())));
        }
        if (token.is(Kind.BRACKET, "(")) {
            next();
            Node inner = parseSequence();
            expect(Kind.BRACKET, ")");
            return parsePostfix(inner);
        }
        if (predicateDepth > 0 && token.is(Kind.OPERATOR, "#")) {
            next();
            String name = "";
            if (current.is(Kind.IDENTIFIER)) {
                name = current.value();
                next();
            }
            return parsePostfix(node(new Pointer(name, token.position())));
        }
        if (predicateDepth > 0 && token.is(Kind.OPERATOR, ".")) {
            throw unsupported(token, "member access");
        }
        return parseSecondary();
    }

    private Node parseSecondary() {
        Token token = current;
        Node node;
        if (token.is(Kind.IDENTIFIER)) {
            next();
            switch (token.value()) {
                case "true":
                    return node(new BoolLiteral(true, token.position()));
                case "false":
                    return node(new BoolLiteral(false, token.position()));
                case "nil":
                    return node(new NilLiteral(token.position()));
                default:
                    node = current.is(Kind.BRACKET, "(") ? parseCall(token)
                            : node(new Identifier(token.value(), token.position()));
            }
        } else if (token.is(Kind.NUMBER)) {
            next();
            return node(NumberLiteral.parse(source, token, current.position()));
        } else if (token.is(Kind.BRACKET, "[")) {
            node = parseArray(token);
        } else if (token.is(Kind.BRACKET, "{")) {
            throw unsupported(token, "a map literal");
        } else {
            throw error(token, "unexpected token " + token);
        }
        return parsePostfix(node);
    }

    private Node parseCall(Token name) {
        boolean overridden = variables.contains(name.value());
        List<Builtins.Argument> signature = Builtins.PREDICATES.get(name.value());
        if (signature != null && !overridden) {
            expect(Kind.BRACKET, "(");
            List<Node> arguments = new ArrayList<>();
            for (int i = 0; i < signature.size(); i++) {
                Builtins.Argument argument = signature.get(i);
                if (current.is(Kind.BRACKET, ")")) {
                    if (argument.optional()) {
                        break;
                    }
                    throw error(current, "expected at least " + signature.size() + " arguments");
                }
                if (i > 0) {
                    expect(Kind.OPERATOR, ",");
                }
                arguments.add(argument.predicate() ? parsePredicate() : parseExpression(0));
            }
            if (current.is(Kind.OPERATOR, ",")) {
                next();
            }
            expect(Kind.BRACKET, ")");
            return node(new BuiltinCall(name.value(), List.copyOf(arguments), name.position()));
        }
        if (Builtins.isExprBuiltin(name.value()) && !overridden) {
            return node(new BuiltinCall(name.value(), parseArguments(), name.position()));
        }
        size.countCallee(); // expr-lang creates an identifier node for the callee as well
        return node(new Call(name.value(), parseArguments(), name.position()));
    }

    private List<Node> parseArguments() {
        List<Node> arguments = new ArrayList<>();
        expect(Kind.BRACKET, "(");
        while (!current.is(Kind.BRACKET, ")")) {
            if (!arguments.isEmpty()) {
                expect(Kind.OPERATOR, ",");
            }
            if (current.is(Kind.BRACKET, ")")) {
                break;
            }
            arguments.add(parseExpression(0));
        }
        expect(Kind.BRACKET, ")");
        return List.copyOf(arguments);
    }

    private Node parsePredicate() {
        Token start = current;
        boolean braces = current.is(Kind.BRACKET, "{");
        if (braces) {
            next();
        }
        predicateDepth++;
        Node body;
        if (braces) {
            body = parseSequence();
        } else {
            body = parseExpression(0);
            if (current.is(Kind.OPERATOR, ";")) {
                throw error(current, "wrap predicate with brackets { and }");
            }
        }
        predicateDepth--;
        if (braces) {
            expect(Kind.BRACKET, "}");
        }
        return node(new Predicate(body, start.position()));
    }

    private Node parseArray(Token open) {
        List<Node> elements = new ArrayList<>();
        expect(Kind.BRACKET, "[");
        while (!current.is(Kind.BRACKET, "]")) {
            if (!elements.isEmpty()) {
                expect(Kind.OPERATOR, ",");
                if (current.is(Kind.BRACKET, "]")) {
                    break;
                }
            }
            elements.add(parseExpression(0));
        }
        expect(Kind.BRACKET, "]");
        return node(new ArrayLiteral(List.copyOf(elements), open.position()));
    }

    /** expr-lang's member access, indexing and slicing; formulas have nothing to reach into, so all are refused. */
    private Node parsePostfix(Node node) {
        Token token = current;
        if (token.is(Kind.OPERATOR, ".") || token.is(Kind.OPERATOR, "?.")) {
            next();
            String member = current.is(Kind.IDENTIFIER) ? " " + token.value() + current.value() : "";
            throw unsupported(token, "member access" + member);
        }
        if (token.is(Kind.BRACKET, "[")) {
            throw unsupported(token, "indexing");
        }
        return node;
    }

    private void next() {
        current = lexer.next();
    }

    /** Consumes a token of this kind (and value, unless {@code null}), or fails as expr-lang's {@code expect}. */
    private void expect(Kind kind, String value) {
        if (value == null ? !current.is(kind) : !current.is(kind, value)) {
            throw error(current, "unexpected token " + current);
        }
        next();
    }

    private void enter() {
        if (++nesting > Limits.MAX_NESTING) {
            throw new FormulaException("formula is nested too deeply: more than " + Limits.MAX_NESTING
                    + " levels of brackets, calls or operators");
        }
    }

    private Node node(Node node) {
        return size.count(node);
    }

    private FormulaException error(Token token, String message) {
        return SourceError.at(source, token.position(), message);
    }

    private FormulaException unsupported(Token token, String what) {
        return error(token, what + " is not supported in formulas");
    }
}
