package dev.tide.scaler.prometheus;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;

/**
 * A duration parameter as KEDA's typed config reads one: Go's {@code time.ParseDuration} ({@code 30s}, {@code 1.5m},
 * {@code 1h30m}; the SPI's {@link dev.tide.scaler.api.params.GoDuration}), else a whole number of milliseconds;
 * negative durations are refused.
 */
final class GoDuration {

    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

    private GoDuration() {
    }

    /**
     * @param name the parameter, for messages
     * @throws IllegalArgumentException in KEDA's words, prefixed with the parameter
     */
    static Duration parse(String name, String text) {
        Optional<BigInteger> nanos = goDuration(text);
        if (nanos.isPresent()) {
            if (nanos.get().signum() < 0) {
                throw invalid(name, text, "duration cannot be negative");
            }
            return Duration.ofNanos(nanos.get().longValueExact());
        }
        long milliseconds;
        try {
            milliseconds = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw invalid(name, text,
                    "must be either a duration string (e.g. '30s', '5m') or a number of milliseconds");
        }
        if (milliseconds < 0) {
            throw invalid(name, text, "duration cannot be negative");
        }
        return Duration.ofMillis(milliseconds);
    }

    /** Go's {@code time.ParseDuration}, or empty where it fails (no unit, a bad unit, beyond int64 nanoseconds either way). */
    private static Optional<BigInteger> goDuration(String text) {
        return dev.tide.scaler.api.params.GoDuration.nanos(text).filter(nanos -> nanos.abs().compareTo(MAX_NANOS) <= 0);
    }

    private static IllegalArgumentException invalid(String name, String text, String rule) {
        return new IllegalArgumentException("parameter \"" + name + "\" value \"" + text + "\" " + rule);
    }
}
