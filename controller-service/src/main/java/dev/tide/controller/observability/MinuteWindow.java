package dev.tide.controller.observability;

import java.time.Clock;

/**
 * A count over the last 60 seconds, in one-second buckets: a rate a person can read off a diagnostics endpoint
 * without a Prometheus to take {@code rate()} of the counter. Synchronized: it is bumped once per API request.
 */
final class MinuteWindow {

    private static final int SECONDS = 60;

    private final Clock clock;
    private final long[] second = new long[SECONDS];
    private final long[] count = new long[SECONDS];

    MinuteWindow(Clock clock) {
        this.clock = clock;
    }

    synchronized void add() {
        long now = clock.millis() / 1000;
        int bucket = (int) Math.floorMod(now, SECONDS);
        if (second[bucket] != now) {
            second[bucket] = now;
            count[bucket] = 0;
        }
        count[bucket]++;
    }

    /** The events of the 60 seconds up to now, this second included. */
    synchronized long lastMinute() {
        long now = clock.millis() / 1000;
        long total = 0;
        for (int i = 0; i < SECONDS; i++) {
            if (now - second[i] < SECONDS) {
                total += count[i];
            }
        }
        return total;
    }
}
