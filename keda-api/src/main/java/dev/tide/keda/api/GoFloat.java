package dev.tide.keda.api;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Go's {@code strconv.ParseFloat(s, 64)} for the numbers KEDA reads from strings ({@code scalingModifiers.target},
 * {@code activationTarget}): the same accepted spellings, so a value KEDA refuses is refused here too. Java's own
 * parser would also take {@code " 2"}, {@code "2d"} and {@code "2f"}, which Go does not.
 */
public final class GoFloat {

    /** Decimal with optional fraction and exponent; underscores only between digits, as Go allows them. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d(_?\\d)*(\\.(\\d(_?\\d)*)?)?|\\.\\d(_?\\d)*)([eE][+-]?\\d(_?\\d)*)?");
    private static final Pattern HEX = Pattern.compile("[+-]?0[xX](_?[0-9a-fA-F])*(\\.[0-9a-fA-F]*)?[pP][+-]?\\d+");
    private static final Pattern SPECIAL = Pattern.compile("[+-]?(inf|infinity)|nan");

    private GoFloat() {
    }

    /** The value, or empty where Go returns an error (bad syntax, or beyond float64's range). */
    public static OptionalDouble parse(String text) {
        if (text == null || text.isEmpty()) {
            return OptionalDouble.empty();
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (SPECIAL.matcher(lower).matches()) {
            boolean negative = lower.startsWith("-");
            return OptionalDouble.of(lower.contains("nan") ? Double.NaN
                    : negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        boolean decimal = DECIMAL.matcher(text).matches();
        if (!decimal && !HEX.matcher(text).matches()) {
            return OptionalDouble.empty();
        }
        if (!decimal && text.contains("_")) {
            // Go accepts underscores in a prefixed number; Java's hex parser does not.
            text = text.replace("_", "");
        }
        double value = Double.parseDouble(decimal ? text.replace("_", "") : text);
        // Out of range is an error in Go (ErrRange), whatever value it returns alongside.
        return Double.isInfinite(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** Go's error text for a string {@link #parse} refuses: {@code strconv.ParseFloat: parsing "x": invalid syntax}. */
    public static String error(String text) {
        boolean range = text != null && (DECIMAL.matcher(text).matches() || HEX.matcher(text).matches());
        String quoted = "\"" + (text == null ? "" : text).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        return "strconv.ParseFloat: parsing " + quoted + ": " + (range ? "value out of range" : "invalid syntax");
    }
}
