package dev.tide.scaler.rabbitmq;

import dev.tide.scaler.api.params.GoDuration;
import java.time.Duration;
import java.util.Optional;

/**
 * A duration as KEDA's typed config reads it: Go units ({@code 1h2m3.5s}, {@code 250ms}; the SPI's {@link GoDuration})
 * or a whole number of milliseconds.
 */
final class GoDurations {

    private GoDurations() {
    }

    /** The duration, possibly negative; empty when the text is neither form. */
    static Optional<Duration> parse(String text) {
        Optional<Duration> go = GoDuration.parse(text);
        if (go.isPresent()) {
            return go;
        }
        try {
            return Optional.of(Duration.ofMillis(Long.parseLong(text)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
