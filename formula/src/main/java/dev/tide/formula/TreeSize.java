package dev.tide.formula;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Counts the parser's nodes against {@link Limits#MAX_NODES} and measures the tree's height against
 * {@link Limits#MAX_DEPTH} as it grows, node by node, without walking it: a node is created after its children,
 * so their heights are already known.
 */
final class TreeSize {

    private final Map<Node, Integer> heights = new IdentityHashMap<>();
    private int nodes;

    /** Accounts for a new node; returns it. */
    Node count(Node node) {
        tally();
        int height = 1;
        for (Node child : node.children()) {
            height = Math.max(height, 1 + heights.getOrDefault(child, 1));
        }
        if (height > Limits.MAX_DEPTH) {
            throw new FormulaException("formula is nested too deeply: its expression tree is more than "
                    + Limits.MAX_DEPTH + " levels deep (each operator of a chain such as a + b + c adds one)");
        }
        heights.put(node, height);
        return node;
    }

    /** Accounts for a node expr-lang creates but this parser does not keep (a call's callee). */
    void countCallee() {
        tally();
    }

    private void tally() {
        if (++nodes > Limits.MAX_NODES) {
            throw new FormulaException("formula is too large: more than " + Limits.MAX_NODES + " nodes");
        }
    }
}
