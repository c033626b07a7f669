package dev.tide.scaler.api;

import java.math.BigDecimal;

/**
 * A non-negative quantity with milli precision, as the HPA reads External metrics ({@code 2500m} = 2.5).
 *
 * <p>Follows KEDA's {@code GenerateMetricInMili}: NaN, infinities and negative numbers become 0 and the value
 * is rounded to the nearest thousandth. A scaler that cannot read its source throws instead of reporting 0.
 */
public record MilliValue(long millis) implements Comparable<MilliValue> {

    public static final MilliValue ZERO = new MilliValue(0);

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
