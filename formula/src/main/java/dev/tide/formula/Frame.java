package dev.tide.formula;

/**
 * The state of one evaluation: variable slots (trigger values first, then {@code let} variables), the current
 * element and index of each enclosing predicate, and the iteration budget. One per {@code evaluate} call, so a
 * compiled formula is safe to share between threads.
 */
final class Frame {

    final Object[] slots;
    final Object[] items;
    final long[] indexes;
    private int iterations;
    private long memory;

    Frame(int slots, int predicateDepth) {
        this.slots = new Object[slots];
        this.items = new Object[predicateDepth];
        this.indexes = new long[predicateDepth];
    }

    /** Counts a new list's elements against expr-lang's memory budget, with its message. */
    void allocate(int elements, int position) {
        memory += elements;
        if (memory >= Limits.MEMORY_BUDGET) {
            throw new EvalError(position, "memory budget exceeded");
        }
    }

    /** Counts one predicate iteration against {@link Limits#MAX_ITERATIONS}. */
    void iterate(int position) {
        if (++iterations > Limits.MAX_ITERATIONS) {
            throw new EvalError(position, "formula evaluation exceeded " + Limits.MAX_ITERATIONS
                    + " predicate iterations");
        }
    }
}
