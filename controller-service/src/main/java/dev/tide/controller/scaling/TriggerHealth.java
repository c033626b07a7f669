package dev.tide.controller.scaling;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * KEDA's per-metric health: consecutive failed reads of each metric. Fallback starts after
 * {@code failureThreshold} of them. Both the scale loop and the metrics API count reads here (KEDA counts the
 * metrics server's reads too), so it is safe to update from any thread.
 */
public final class TriggerHealth {

    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    /** Counts one read; returns the failures in a row after it. */
    public int record(String metricName, boolean ok) {
        if (ok) {
            failures.put(metricName, 0);
            return 0;
        }
        return failures.merge(metricName, 1, Integer::sum);
    }

    public int failures(String metricName) {
        return failures.getOrDefault(metricName, 0);
    }

    /** Takes over counts from {@code status.health} (a restart or a new leader). */
    void adopt(String metricName, int count) {
        failures.put(metricName, count);
    }
}
