package dev.tide.scaler.api.metrics;

import java.util.Objects;
import java.util.Optional;

/**
 * External metric names exactly as KEDA builds them, so that existing HPAs, dashboards and alerts keep matching
 * after a move from KEDA to Tide.
 *
 * <p>KEDA prefixes every metric with its trigger's position ({@code GenerateMetricNameWithIndex}) and replaces the
 * characters a metric name cannot carry with dashes ({@code kedautil.NormalizeString}). Nothing else changes: no
 * lower-casing, no trimming, no length limit.
 */
public final class MetricNames {

    /** The characters {@code NormalizeString} replaces with {@code -}: slash, dot, colon, percent and parentheses. */
    static final String REPLACED_CHARACTERS = "/.:%()";

    private MetricNames() {
    }

    /**
     * The HPA metric name of a trigger: {@code s<triggerIndex>-<normalized name>}, e.g. {@code s0-azure-queue-orders}.
     *
     * @param triggerIndex the trigger's position in the ScaledObject's {@code triggers} list, from 0
     * @param name the scaler's own metric name, such as {@code kafka-my-topic}; normalized here
     */
    public static String withIndex(int triggerIndex, String name) {
        if (triggerIndex < 0) {
            throw new IllegalArgumentException("a trigger index cannot be negative: " + triggerIndex);
        }
        return "s" + triggerIndex + "-" + normalize(name);
    }

    /** KEDA's {@code NormalizeString}: every {@code / . : % ( )} becomes {@code -}; other characters are kept. */
    public static String normalize(String name) {
        Objects.requireNonNull(name, "name");
        StringBuilder normalized = null;
        for (int i = 0; i < name.length(); i++) {
            if (REPLACED_CHARACTERS.indexOf(name.charAt(i)) >= 0) {
                if (normalized == null) {
                    normalized = new StringBuilder(name);
                }
                normalized.setCharAt(i, '-');
            }
        }
        return normalized == null ? name : normalized.toString();
    }

    /**
     * The trigger index a metric name was built with, so a request for {@code s1-kafka-orders} reaches trigger 1.
     *
     * <p>Accepts exactly what {@link #withIndex} produces: {@code s}, a decimal index without leading zeros, a
     * dash, then anything (possibly nothing). Any other name, or an index beyond {@code int}, gives empty.
     */
    public static Optional<Integer> triggerIndexOf(String metricName) {
        Objects.requireNonNull(metricName, "metricName");
        int dash = metricName.indexOf('-');
        if (!metricName.startsWith("s") || dash < 2) {
            return Optional.empty();
        }
        String digits = metricName.substring(1, dash);
        boolean leadingZero = digits.length() > 1 && digits.charAt(0) == '0';
        if (leadingZero || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(digits));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }
}
