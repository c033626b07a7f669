package dev.tide.controller.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Marker;

/**
 * Lets one line per logger and message pattern through per window from a chatty library, and drops the repeats. A
 * dead Kafka cluster makes its admin client log a reconnect line many times a second; Kafka writes the client id
 * into the pattern, so each cluster gets its own line (with the cause, where Kafka logs one) once a minute.
 */
public final class RepeatedLogThrottle extends TurboFilter {

    /** Bounds the memory of patterns seen; past it, the oldest knowledge is simply forgotten. */
    private static final int MAX_KEYS = 10_000;

    private final String loggerPrefix;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Long> lastLetThrough = new ConcurrentHashMap<>();

    public RepeatedLogThrottle(String loggerPrefix, Duration window, LongSupplier nanoTime) {
        this.loggerPrefix = loggerPrefix;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (format == null || level == null || !level.isGreaterOrEqual(Level.INFO) || !logger.getName().startsWith(loggerPrefix)
                || !logger.isEnabledFor(level)) {
            return FilterReply.NEUTRAL;
        }
        if (lastLetThrough.size() > MAX_KEYS) {
            lastLetThrough.clear();
        }
        long now = nanoTime.getAsLong();
        boolean[] letThrough = {false};
        lastLetThrough.compute(logger.getName() + '|' + format, (key, last) -> {
            if (last == null || now - last >= windowNanos) {
                letThrough[0] = true;
                return now;
            }
            return last;
        });
        return letThrough[0] ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
}
