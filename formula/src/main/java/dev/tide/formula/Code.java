package dev.tide.formula;

/**
 * A checked node, ready to run: the checker turns the syntax tree into a tree of these, with every name resolved
 * to a slot and every decision that depends on types taken once, at compile time.
 */
@FunctionalInterface
interface Code {

    /** The node's value: a {@link Double}, {@link Long}, {@link Boolean}, {@code null} (nil) or a list of these. */
    Object run(Frame frame);
}
