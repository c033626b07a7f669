package dev.tide.formula;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * Go's text for values in messages: {@code %q} for strings, {@code %T} and {@code %v} for formula values. Runtime
 * values are Java objects standing for Go's: {@link Double} is float64, {@link Long} is int, {@link Boolean} is
 * bool, {@code null} is nil and a {@link List} is {@code []interface {}}.
 */
final class GoText {

    private GoText() {
    }

    /** Go's {@code %q}: double quotes, with backslash escapes for quotes, backslashes and control characters. */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '\r' -> quoted.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        quoted.append(String.format("\\x%02x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    /** Go's {@code %T} of a runtime value. */
    static String typeName(Object value) {
        if (value == null) {
            return "<nil>";
        }
        if (value instanceof Double) {
            return "float64";
        }
        if (value instanceof Long) {
            return "int";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        return "[]interface {}";
    }

    /** Go's {@code %v} of a runtime value: floats as {@code strconv.FormatFloat(f, 'g', -1, 64)}, lists in brackets. */
    static String value(Object value) {
        if (value == null) {
            return "<nil>";
        }
        if (value instanceof Double d) {
            return formatFloat(d);
        }
        if (value instanceof List<?> list) {
            StringBuilder text = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                text.append(i == 0 ? "" : " ").append(value(list.get(i)));
            }
            return text.append(']').toString();
        }
        return value.toString();
    }

    /**
     * Go's shortest {@code %v} of a float64: the fewest significant digits that read back as the same double
     * (the nearest such decimal), plain while the decimal exponent is in [-4, 6), otherwise {@code d.ddde+XX}
     * (so a million prints as {@code 1e+06}, as in Go). Java 17's {@link Double#toString} is not always the
     * shortest (JDK-4511638), hence the search.
     */
    static String formatFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(d);
        BigDecimal shortest = exact;
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (rounded.doubleValue() == d) {
                shortest = rounded;
                break;
            }
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        String sign = d < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 6) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        return sign + shortest.abs().toPlainString();
    }
}
