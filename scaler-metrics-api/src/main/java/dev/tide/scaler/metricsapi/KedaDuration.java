package dev.tide.scaler.metricsapi;

import dev.tide.scaler.api.params.GoDuration;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;

/**
 * A duration parameter as KEDA's typed config reads one: Go's {@code time.ParseDuration} ({@code 30s}, {@code 1m30s},
 * {@code 1.5s}, {@code 300ms}; the SPI's {@link GoDuration}), else a whole number of milliseconds ({@code 1000}); never
 * negative.
 */
final class KedaDuration {

    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

    private KedaDuration() {
    }

    /** @throws IllegalArgumentException in KEDA's words */
    static Duration parse(String text) {
        Optional<BigInteger> go = GoDuration.nanos(text);
        if (go.isPresent()) {
            if (go.get().abs().compareTo(MAX_NANOS) > 0) {
                String unsigned = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
                throw new IllegalArgumentException("time: invalid duration \"" + unsigned + "\"");
            }
            if (go.get().signum() < 0) {
                throw new IllegalArgumentException("duration cannot be negative: \"" + text + "\"");
            }
            return Duration.ofNanos(go.get().longValueExact());
        }
        long milliseconds;
        try {
            milliseconds = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unable to parse duration value \"" + text + "\": must be either a duration "
                    + "string (e.g. '30s', '5m') or a number of milliseconds");
        }
        if (milliseconds < 0) {
            throw new IllegalArgumentException("duration cannot be negative: " + milliseconds + " milliseconds");
        }
        return Duration.ofMillis(milliseconds);
    }
}
