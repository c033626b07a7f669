package dev.tide.examples.metricsapi;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Reads a Kubernetes quantity ({@code 64}, {@code 2.5}, {@code 1k}, {@code 250m}, {@code 1Ki}, {@code 1e3}), as
 * KEDA's metrics-api scaler reads string values with {@code resource.ParseQuantity}.
 */
final class Quantity {

    /** Decimal and binary suffixes; {@link #parse} tries two-letter ones before one-letter ones. */
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
            Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
            Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
            Map.entry("Ei", BigDecimal.valueOf(1L << 60)),
            Map.entry("n", new BigDecimal("1e-9")),
            Map.entry("u", new BigDecimal("1e-6")),
            Map.entry("m", new BigDecimal("1e-3")),
            Map.entry("k", new BigDecimal("1e3")),
            Map.entry("M", new BigDecimal("1e6")),
            Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")),
            Map.entry("P", new BigDecimal("1e15")),
            Map.entry("E", new BigDecimal("1e18")));

    private Quantity() {
    }

    /**
     * @throws NumberFormatException when the text is no quantity (NaN and infinities are not)
     */
    static double parse(String text) {
        String trimmed = text.trim();
        for (int length = 2; length >= 1; length--) {
            if (trimmed.length() > length) {
                BigDecimal multiplier = SUFFIXES.get(trimmed.substring(trimmed.length() - length));
                if (multiplier != null) {
                    return new BigDecimal(trimmed.substring(0, trimmed.length() - length)).multiply(multiplier).doubleValue();
                }
            }
        }
        return new BigDecimal(trimmed).doubleValue();
    }
}
