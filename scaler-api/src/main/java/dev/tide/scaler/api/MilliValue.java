package dev.tide.scaler.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A non-negative quantity with milli precision, as the HPA reads External metrics ({@code 2500m} = 2.5).
 *
 * <p>Follows KEDA's {@code GenerateMetricInMili}: NaN, infinities and negative numbers become 0 and the value
 * is rounded to the nearest thousandth. A scaler that cannot read its source throws instead of reporting 0.
 *
 * <p>This is Tide's Kubernetes quantity parser ({@link #parseQuantity}, {@link #parse}, SPI 1.2): plugins read
 * quantity strings with it (the metrics-api scaler), and so do the sandbox's HPA loop and every module that may
 * see the SPI. The one other parser is the metrics service's {@code MilliQuantity}: the metrics service may depend
 * on {@code keda-api} alone, for names, and knows nothing of the scaler SPI. A parser in {@code keda-api} instead
 * would have left two as well (plugins see only the SPI) and would load a {@code keda-api} class in the metrics
 * service, which only takes constants from it.
 */
public record MilliValue(long millis) implements Comparable<MilliValue> {

    public static final MilliValue ZERO = new MilliValue(0);

    /** Kubernetes' quantity grammar: a signed decimal number, then an exponent or a decimal or binary suffix. */
    private static final Pattern QUANTITY =
            Pattern.compile("([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))(?:[eE]([+-]?\\d+)|([numkMGTPE])|([KMGTPE])i)?");
    /** The decimal suffixes, each a thousand times the one before: {@code n} is 10^-9, none is 1, {@code E} 10^18. */
    private static final List<String> DECIMAL_SUFFIXES = List.of("n", "u", "m", "", "k", "M", "G", "T", "P", "E");
    /** The binary suffixes without their {@code i}, each 1024 times the one before: {@code Ki} is 2^10. */
    private static final String BINARY_SUFFIXES = "KMGTPE";

    public MilliValue {
        if (millis < 0) {
            throw new IllegalArgumentException("a metric quantity cannot be negative: " + millis + "m");
        }
    }

    public static MilliValue of(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value) || value <= 0) {
            return ZERO;
        }
        return new MilliValue(Math.round(value * 1000));
    }

    public static MilliValue ofWhole(long value) {
        return new MilliValue(Math.multiplyExact(Math.max(0, value), 1000L));
    }

    /**
     * A Kubernetes quantity in milli units ({@code 2500m}, {@code 1.5}, {@code 1Ki}, {@code 2e3}), rounded up to
     * the next thousandth as Kubernetes' {@code Quantity.MilliValue()} rounds.
     *
     * @throws IllegalArgumentException if the text is not a quantity (a {@link NumberFormatException}), is
     *     negative, or does not fit in milli units
     */
    public static MilliValue parse(String text) {
        BigDecimal quantity = parseQuantity(text);
        try {
            return new MilliValue(quantity.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("quantity \"" + text + "\" does not fit in milli units", e);
        }
    }

    /**
     * The exact value of a Kubernetes quantity, as {@code resource.ParseQuantity} reads it: a decimal number with
     * an optional exponent ({@code 2e3}), decimal suffix ({@code n u m k M G T P E}) or binary suffix
     * ({@code Ki Mi Gi Ti Pi Ei}); surrounding white space is ignored, and the number may be negative.
     *
     * @throws NumberFormatException if the text is not a quantity
     */
    public static BigDecimal parseQuantity(String text) {
        Matcher quantity = text == null ? null : QUANTITY.matcher(text.trim());
        if (quantity == null || !quantity.matches()) {
            throw new NumberFormatException("not a Kubernetes quantity: \"" + text + "\"");
        }
        BigDecimal number = new BigDecimal(quantity.group(1));
        if (quantity.group(4) != null) {
            return number.multiply(BigDecimal.valueOf(2).pow(10 * (BINARY_SUFFIXES.indexOf(quantity.group(4)) + 1)));
        }
        int exponent = quantity.group(2) != null ? Integer.parseInt(quantity.group(2))
                : 3 * (DECIMAL_SUFFIXES.indexOf(quantity.group(3) == null ? "" : quantity.group(3)) - 3);
        try {
            return number.scaleByPowerOfTen(exponent);
        } catch (ArithmeticException e) {
            throw new NumberFormatException("Kubernetes quantity out of range: \"" + text + "\"");
        }
    }

    public double toDouble() {
        return millis / 1000.0;
    }

    /** The Kubernetes quantity: {@code 5} for whole numbers, {@code 2500m} otherwise. */
    public String toQuantity() {
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : millis + "m";
    }

    public BigDecimal toBigDecimal() {
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros();
    }

    @Override
    public int compareTo(MilliValue other) {
        return Long.compare(millis, other.millis);
    }

    @Override
    public String toString() {
        return toQuantity();
    }
}
