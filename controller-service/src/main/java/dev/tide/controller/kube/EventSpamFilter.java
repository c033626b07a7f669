package dev.tide.controller.kube;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * client-go's {@code EventSourceObjectSpamFilter}, which KEDA's recorder runs before every event: each involved object
 * may send a burst of 25 events, then one per 5 minutes as the bucket refills. Without it a ScaledJob that creates Jobs
 * every second writes an Event every second ({@code KEDAJobsCreated}), which KEDA's recorder never does. Buckets are
 * kept for the 4,096 most recent objects, as client-go's LRU keeps them.
 */
final class EventSpamFilter {

    static final int BURST = 25;
    static final Duration REFILL_EVERY = Duration.ofMinutes(5);
    static final int TRACKED_OBJECTS = 4096;

    private final Map<String, Bucket> buckets = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > TRACKED_OBJECTS;
        }
    };

    /** Whether an event about this object may be written at {@code now}; takes a token when it may. */
    synchronized boolean allow(String objectKey, Instant now) {
        Bucket bucket = buckets.computeIfAbsent(objectKey, key -> new Bucket(BURST, now));
        Bucket refilled = bucket.refill(now);
        if (refilled.tokens() < 1) {
            buckets.put(objectKey, refilled);
            return false;
        }
        buckets.put(objectKey, refilled.take());
        return true;
    }

    /** Tokens left and when the last whole token was added. */
    private record Bucket(double tokens, Instant refilledAt) {

        Bucket refill(Instant now) {
            if (!now.isAfter(refilledAt)) {
                return this;
            }
            double added = (double) Duration.between(refilledAt, now).toMillis() / REFILL_EVERY.toMillis();
            return new Bucket(Math.min(BURST, tokens + added), now);
        }

        Bucket take() {
            return new Bucket(tokens - 1, refilledAt);
        }
    }
}
