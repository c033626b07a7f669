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
import dev.tide.formula.Node.Pointer;
import dev.tide.formula.Node.Unary;
import java.util.List;

/**
 * A node's text without positions, fully parenthesised: two nodes with the same shape compute the same thing.
 * expr-lang merges {@code all(xs, p) && all(xs, q)} only when the two collections print the same, and this is the
 * test that stands in for its printer.
 */
final class Shape {

    private Shape() {
    }

    static String of(Node node) {
        StringBuilder text = new StringBuilder();
        append(node, text);
        return text.toString();
    }

    private static void append(Node node, StringBuilder text) {
        if (node instanceof IntLiteral || node instanceof FloatLiteral || node instanceof BoolLiteral) {
            text.append(Folding.constant(node, child -> null)).append(node instanceof FloatLiteral ? "f" : "");
        } else if (node instanceof Identifier identifier) {
            text.append(identifier.name());
        } else if (node instanceof Pointer pointer) {
            text.append('#').append(pointer.name());
        } else if (node instanceof Unary unary) {
            text.append(unary.operator()).append(' ');
            group(List.of(unary.operand()), text);
        } else if (node instanceof Binary binary) {
            group(List.of(binary.left()), text);
            text.append(' ').append(binary.operator()).append(' ');
            group(List.of(binary.right()), text);
        } else if (node instanceof BuiltinCall call) {
            text.append(call.name());
            group(call.arguments(), text);
        } else if (node instanceof Call call) {
            text.append(call.callee());
            group(call.arguments(), text);
        } else if (node instanceof ArrayLiteral) {
            text.append('[');
            group(node.children(), text);
            text.append(']');
        } else if (node instanceof Conditional || node instanceof Let) {
            text.append(node.getClass().getSimpleName());
            group(node.children(), text);
            text.append(node instanceof Let let ? let.name() : "");
        } else {
            text.append(node.getClass().getSimpleName());
            group(node.children(), text);
        }
    }

    private static void group(List<Node> nodes, StringBuilder text) {
        text.append('(');
        for (int i = 0; i < nodes.size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            append(nodes.get(i), text);
        }
        text.append(')');
    }
}
