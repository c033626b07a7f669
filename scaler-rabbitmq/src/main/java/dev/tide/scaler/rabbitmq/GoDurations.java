package dev.tide.scaler.rabbitmq;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A duration as KEDA's typed config reads it: Go units ({@code 1h2m3.5s}, {@code 250ms}) or a whole number of milliseconds. */
final class GoDurations {

    private static final Pattern UNITS = Pattern.compile("([-+]?)((?:\\d*\\.?\\d+(?:ns|us|µs|ms|s|m|h))+)");
    private static final Pattern UNIT = Pattern.compile("(\\d*\\.?\\d+)(ns|us|µs|ms|s|m|h)");

    private GoDurations() {
    }

    /** The duration, possibly negative; empty when the text is neither form. */
    static Optional<Duration> parse(String text) {
        Matcher whole = UNITS.matcher(text);
        if (whole.matches()) {
            double nanos = 0;
            Matcher unit = UNIT.matcher(whole.group(2));
            while (unit.find()) {
                nanos += Double.parseDouble(unit.group(1)) * nanosPer(unit.group(2));
            }
            Duration duration = Duration.ofNanos(Math.round(nanos));
            return Optional.of(whole.group(1).equals("-") ? duration.negated() : duration);
        }
        try {
            return Optional.of(Duration.ofMillis(Long.parseLong(text)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static double nanosPer(String unit) {
        return switch (unit) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 3600e9;
        };
    }
}
