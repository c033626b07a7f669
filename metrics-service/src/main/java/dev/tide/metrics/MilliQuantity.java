package dev.tide.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes quantity held in milli units, as the HPA reads external metric values. The metrics
 * service does not depend on the scaler SPI, so it parses the controller's quantity strings itself and
 * writes them back in Kubernetes' canonical decimal form ({@code 2500m}, {@code 5}, {@code 12k}).
 *
 * <p>Tide's only quantity parser besides the SPI's {@code MilliValue.parse}, which everything else uses: the
 * metrics service may depend on {@code keda-api} alone, and only for compile-time names, so it can share
 * neither that parser nor one placed in {@code keda-api}.
 *
 * @param millis the value times 1000
 */
record MilliQuantity(long millis) {

    private static final Pattern QUANTITY =
            Pattern.compile("([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))(?:([eE][+-]?\\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)");
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("n", new BigDecimal("1e-9")),
            Map.entry("u", new BigDecimal("1e-6")),
            Map.entry("m", new BigDecimal("1e-3")),
            Map.entry("k", new BigDecimal("1e3")),
            Map.entry("M", new BigDecimal("1e6")),
            Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")),
            Map.entry("P", new BigDecimal("1e15")),
            Map.entry("E", new BigDecimal("1e18")),
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
            Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
            Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
            Map.entry("Ei", BigDecimal.valueOf(1L << 60)));
    private static final String[] DECIMAL_SUFFIXES = {"m", "", "k", "M", "G", "T", "P", "E"};

    /**
     * Parses a quantity string; precision below a milli is rounded up, as {@code Quantity.MilliValue()}
     * does.
     *
     * @throws IllegalArgumentException if the text is not a quantity or does not fit in milli units
     */
    static MilliQuantity parse(String text) {
        Matcher m = text == null ? null : QUANTITY.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("not a Kubernetes quantity: \"" + text + "\"");
        }
        BigDecimal number = new BigDecimal(m.group(1).startsWith("+") ? m.group(1).substring(1) : m.group(1));
        BigDecimal scaled = m.group(2) != null
                ? number.scaleByPowerOfTen(Integer.parseInt(m.group(2).substring(1)))
                : number.multiply(SUFFIXES.get(m.group(3) == null ? "" : m.group(3)));
        try {
            return new MilliQuantity(scaled.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("quantity \"" + text + "\" does not fit in milli units", e);
        }
    }

    /** Kubernetes' canonical decimal form: the largest power-of-1000 suffix that keeps an integer. */
    @Override
    public String toString() {
        long value = millis;
        int exponent = 0;
        while (value != 0 && value % 1000 == 0 && exponent < DECIMAL_SUFFIXES.length - 1) {
            value /= 1000;
            exponent++;
        }
        return value == 0 ? "0" : value + DECIMAL_SUFFIXES[exponent];
    }
}
