package dev.tide.replicas;

/**
 * How far the usage ratio may stray from 1.0 before the HPA changes the replica count.
 *
 * <p>Kubernetes compares as {@code (1 - scaleDown) <= ratio <= (1 + scaleUp)} (its {@code Tolerances.isWithin}).
 * That is not the same as the older {@code |1 - ratio| <= tolerance} in floating point: a ratio of exactly 1.1 is
 * within the interval but {@code |1 - 1.1|} is {@code 0.10000000000000009}. We follow the interval form, which is
 * what current clusters run.
 *
 * @param scaleDown how far below 1.0 the ratio may fall (the controller flag default is 0.1)
 * @param scaleUp how far above 1.0 the ratio may rise (the controller flag default is 0.1)
 */
public record Tolerance(double scaleDown, double scaleUp) {

    /** {@code --horizontal-pod-autoscaler-tolerance} default: 10 % either way. */
    public static final Tolerance DEFAULT = new Tolerance(0.1, 0.1);

    public Tolerance {
        if (!(scaleDown >= 0) || !(scaleUp >= 0) || Double.isInfinite(scaleDown) || Double.isInfinite(scaleUp)) {
            throw new IllegalArgumentException(
                    "tolerances must be finite and not negative, got down " + scaleDown + " and up " + scaleUp);
        }
    }

    /** The same tolerance in both directions, as the controller flag sets it. */
    public static Tolerance of(double tolerance) {
        return new Tolerance(tolerance, tolerance);
    }

    /** Whether the change is too small to act on. NaN is never within, as in Go. */
    public boolean isWithin(double usageRatio) {
        return (1.0 - scaleDown) <= usageRatio && usageRatio <= (1.0 + scaleUp);
    }
}
