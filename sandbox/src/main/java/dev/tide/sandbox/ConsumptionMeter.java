package dev.tide.sandbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalDouble;

/**
 * One pod's processed-message count, sampled by the workload every 100 ms once the pod is ready, and its rate over a
 * recent window: what the cpu it reports follows ({@link UsageModel}). Samples older than a minute are dropped.
 */
final class ConsumptionMeter {

    private static final long KEEP_NANOS = Duration.ofMinutes(1).toNanos();

    private record Reading(long nanos, long processed) {
    }

    private final Deque<Reading> readings = new ArrayDeque<>();

    synchronized void record(long nanos, long processed) {
        readings.addLast(new Reading(nanos, processed));
        while (readings.size() > 2 && readings.peekFirst().nanos() < nanos - KEEP_NANOS) {
            readings.removeFirst();
        }
    }

    /**
     * Messages per second between the oldest reading within {@code window} of the newest and the newest: over the
     * window, or over the pod's life when it is younger. Empty until two readings are apart.
     */
    synchronized OptionalDouble perSecond(Duration window) {
        if (readings.isEmpty()) {
            return OptionalDouble.empty();
        }
        Reading last = readings.peekLast();
        long from = last.nanos() - window.toNanos();
        Reading first = readings.stream().filter(r -> r.nanos() >= from).findFirst().orElse(last);
        long nanos = last.nanos() - first.nanos();
        return nanos <= 0 ? OptionalDouble.empty()
                : OptionalDouble.of((last.processed() - first.processed()) * 1e9 / nanos);
    }
}
