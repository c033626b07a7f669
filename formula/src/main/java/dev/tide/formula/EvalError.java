package dev.tide.formula;

/**
 * A run-time failure (expr-lang's VM panics) at a position of the source. It never leaves the package:
 * {@link Formula} turns it into a {@link FormulaException} with the source line. No stack trace, since the
 * position says where, and a failing formula may run every polling interval.
 */
final class EvalError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int position;

    EvalError(int position, String message) {
        super(message, null, false, false);
        this.position = position;
    }
}
