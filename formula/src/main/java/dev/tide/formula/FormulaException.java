package dev.tide.formula;

/**
 * A formula that does not compile, exceeds a limit, or fails while it runs. The message reads as expr-lang's does
 * ({@code unknown name x (1:1)} followed by the source line and a caret), so that a caller that prefixes it the way
 * KEDA does ({@code error validating formula in ScalingModifiers}) shows users the text they would see from KEDA.
 */
public final class FormulaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    FormulaException(String message) {
        super(message);
    }
}
