package dev.tide.scaler.prometheus;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration parameter as KEDA's typed config reads one: Go's {@code time.ParseDuration} ({@code 30s}, {@code 1.5m},
 * {@code 1h30m}), else a whole number of milliseconds; negative durations are refused.
 */
final class GoDuration {

    private static final Pattern WHOLE = Pattern.compile("[-+]?(?:(?:\\d+\\.?\\d*|\\.\\d+)(?:ns|us|µs|μs|ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);
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

    /** Go's {@code time.ParseDuration}, or empty where it fails (no unit, a bad unit, beyond int64 nanoseconds). */
    private static Optional<BigInteger> goDuration(String text) {
        if (text.equals("0") || text.equals("+0") || text.equals("-0")) {
            return Optional.of(BigInteger.ZERO);
        }
        if (!WHOLE.matcher(text).matches()) {
            return Optional.empty();
        }
        BigDecimal total = BigDecimal.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            total = total.add(new BigDecimal(part.group(1).endsWith(".") ? part.group(1) + "0" : part.group(1))
                    .multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(part.group(2)))));
        }
        BigInteger nanos = total.toBigInteger();
        if (nanos.compareTo(MAX_NANOS) > 0) {
            return Optional.empty();
        }
        return Optional.of(text.startsWith("-") ? nanos.negate() : nanos);
    }

    private static IllegalArgumentException invalid(String name, String text, String rule) {
        return new IllegalArgumentException("parameter \"" + name + "\" value \"" + text + "\" " + rule);
    }
}
