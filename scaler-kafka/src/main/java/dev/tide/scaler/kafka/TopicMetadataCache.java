package dev.tide.scaler.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The partition list of each topic a cluster's triggers read. Partitions change rarely, so a topic is described
 * again only when its entry is older than {@code maxAge}, when the group committed to a partition the entry does
 * not know (the topic grew), or when an end-offset read said the partition is unknown (it was deleted or moved).
 */
final class TopicMetadataCache {

    private record Entry(List<Integer> partitions, Instant fetchedAt) {
    }

    private final Map<String, Entry> topics = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration maxAge;

    TopicMetadataCache(Clock clock, Duration maxAge) {
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** The topics among {@code wanted} that must be described before they can be read. */
    Set<String> stale(Collection<String> wanted) {
        Instant oldest = clock.instant().minus(maxAge);
        return wanted.stream()
                .filter(topic -> {
                    Entry entry = topics.get(topic);
                    return entry == null || entry.fetchedAt().isBefore(oldest);
                })
                .collect(Collectors.toSet());
    }

    /** Whether {@code partition} is news to the cache: the topic is unknown or has grown. */
    boolean unknown(String topic, int partition) {
        Entry entry = topics.get(topic);
        return entry == null || !entry.partitions().contains(partition);
    }

    Optional<List<Integer>> partitions(String topic) {
        return Optional.ofNullable(topics.get(topic)).map(Entry::partitions);
    }

    void put(String topic, List<Integer> partitions) {
        topics.put(topic, new Entry(List.copyOf(partitions), clock.instant()));
    }

    void invalidate(String topic) {
        topics.remove(topic);
    }
}
