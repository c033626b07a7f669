package dev.tide.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/** Nearest-rank percentiles of every measured call, in microseconds. */
record Percentiles(double p50, double p90, double p99, double p999, double max) {
    static Percentiles of(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Percentiles(rank(sorted, 0.50), rank(sorted, 0.90), rank(sorted, 0.99), rank(sorted, 0.999),
                sorted[sorted.length - 1] / 1e3);
    }

    private static double rank(long[] sorted, double quantile) {
        return sorted[(int) Math.ceil(quantile * sorted.length) - 1] / 1e3;
    }

    String row(String what) {
        return String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f | %.0f |", what, p50, p90, p99, p999, max);
    }
}
