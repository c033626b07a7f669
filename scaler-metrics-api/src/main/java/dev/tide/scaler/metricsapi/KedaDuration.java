package dev.tide.scaler.metricsapi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration parameter as KEDA's typed config reads one: Go's {@code time.ParseDuration} ({@code 30s}, {@code 1m30s},
 * {@code 1.5s}, {@code 300ms}), else a whole number of milliseconds ({@code 1000}); never negative.
 */
final class KedaDuration {

    private static final Pattern GO_DURATION = Pattern.compile("([+-]?)((?:(?:\\d+\\.?\\d*|\\.\\d+)(?:ns|us|µs|μs|ms|s|m|h))+)");
    private static final Pattern PART = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> NANOS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private KedaDuration() {
    }

    /** @throws IllegalArgumentException in KEDA's words */
    static Duration parse(String text) {
        Matcher go = GO_DURATION.matcher(text);
        if (go.matches() || text.equals("0") || text.equals("+0") || text.equals("-0")) {
            Duration duration = go.matches() ? sum(go.group(2)) : Duration.ZERO;
            if (go.matches() && go.group(1).equals("-") && !duration.isZero()) {
                throw new IllegalArgumentException("duration cannot be negative: \"" + text + "\"");
            }
            return duration;
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

    private static Duration sum(String parts) {
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher part = PART.matcher(parts);
        while (part.find()) {
            nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(NANOS.get(part.group(2)))));
        }
        try {
            return Duration.ofNanos(nanos.setScale(0, RoundingMode.DOWN).longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("time: invalid duration \"" + parts + "\"");
        }
    }
}
