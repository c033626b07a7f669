package dev.tide.scaler.api.params;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's {@code time.ParseDuration} for plugins (SPI 1.6), the syntax KEDA's typed config reads duration parameters in:
 * decimal numbers with a unit each ({@code 30s}, {@code 1.5m}, {@code 1h30m}, {@code 300ms}, {@code 5.s}), an optional
 * sign, and a bare {@code 0}. Plugins add KEDA's fallback to whole milliseconds and their own messages and range rules,
 * which differ between KEDA's scalers; this class only says what the text means in Go.
 */
public final class GoDuration {

    private static final Pattern WHOLE = Pattern.compile("[-+]?(?:(?:\\d+\\.?\\d*|\\.\\d+)(?:ns|us|µs|μs|ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);
    private static final BigInteger MIN_NANOS = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

    private GoDuration() {
    }

    /**
     * The signed number of nanoseconds the text stands for, fractions of a nanosecond dropped as Go drops them, with
     * no bound; empty when the text is not Go's syntax (no unit, an unknown unit, a stray character).
     */
    public static Optional<BigInteger> nanos(String text) {
        if (text.equals("0") || text.equals("+0") || text.equals("-0")) {
            return Optional.of(BigInteger.ZERO);
        }
        if (!WHOLE.matcher(text).matches()) {
            return Optional.empty();
        }
        BigDecimal total = BigDecimal.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            total = total.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(part.group(2)))));
        }
        BigInteger nanos = total.toBigInteger();
        return Optional.of(text.startsWith("-") ? nanos.negate() : nanos);
    }

    /** As Go's {@code time.ParseDuration}: empty where it fails, including beyond its int64 nanoseconds. */
    public static Optional<Duration> parse(String text) {
        return nanos(text).filter(n -> n.compareTo(MIN_NANOS) >= 0 && n.compareTo(MAX_NANOS) <= 0)
                .map(n -> Duration.ofNanos(n.longValueExact()));
    }
}
