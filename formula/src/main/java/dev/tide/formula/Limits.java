package dev.tide.formula;

/**
 * The bounds that keep compiling and evaluating a formula cheap and safe, whatever a user writes. A formula over a
 * ScaledObject's triggers is a line or two; these leave room for a hundred triggers and stop anything hostile
 * before it costs stack or time.
 */
final class Limits {

    /** Characters of source; checked before anything else, so a huge formula costs one length check. */
    static final int MAX_SOURCE_LENGTH = 4096;

    /**
     * Nested brackets, calls, unary operators, ternaries, {@code let}s and operators of rising precedence. The
     * parser checks it before it recurses, so no input can overflow the stack while parsing.
     */
    static final int MAX_NESTING = 64;

    /**
     * Levels of the syntax tree. The checker and the evaluator recurse along the tree, and a left-associative
     * chain such as {@code a + b + c ...} is parsed without recursion but is as deep as it is long, so this bounds
     * their stack use independently of {@link #MAX_NESTING}. Checking costs about 1.5 KB of stack per level
     * (interpreted), so the deepest formula needs about 200 KB, against the JVM's default of 1 MB per thread.
     */
    static final int MAX_DEPTH = 128;

    /** Syntax tree nodes (expr-lang's own default is 10,000): bounds compile time and the size of lists. */
    static final int MAX_NODES = 1000;

    /**
     * Predicate iterations per evaluation, across all builtins. Lists only come from literals, so one loop is short,
     * but predicates can nest ({@code count(xs, {count(ys, ...) > 0})}), and this keeps their product bounded.
     */
    static final int MAX_ITERATIONS = 100_000;

    /**
     * List elements created per evaluation: expr-lang's own {@code DefaultMemoryBudget}, counted as it counts
     * (every list a formula builds, except an all-literal one, which its optimizer turns into a constant). Without
     * it, {@code map(xs, {map(ys, {zs})})} could build millions of elements within the iteration limit.
     */
    static final long MEMORY_BUDGET = 1_000_000;

    private Limits() {
    }
}
