package dev.tide.scaler.kafka;

import java.util.List;

/**
 * Which triggers may share a client: same bootstrap servers (in any order) and same security settings. Its
 * {@code toString} shows the servers only; the security record redacts its secrets anyway.
 */
record ClusterKey(List<String> bootstrapServers, KafkaSecurityParams security) {

    ClusterKey {
        bootstrapServers = bootstrapServers.stream().sorted().distinct().toList();
    }

    @Override
    public String toString() {
        return String.join(",", bootstrapServers);
    }
}
