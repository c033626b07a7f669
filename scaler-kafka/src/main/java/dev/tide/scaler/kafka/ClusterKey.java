package dev.tide.scaler.kafka;

import java.util.List;
import java.util.Optional;

/**
 * Which triggers may share a client: same bootstrap servers (in any order), same security settings and, for
 * {@code aws_msk_iam}, the same AWS credentials (which also depend on the pod identity). Its
 * {@code toString} shows the servers only; the security record redacts its secrets anyway.
 */
record ClusterKey(List<String> bootstrapServers, KafkaSecurityParams security, Optional<MskIamCredentials> mskIam) {

    ClusterKey {
        bootstrapServers = bootstrapServers.stream().sorted().distinct().toList();
    }

    ClusterKey(List<String> bootstrapServers, KafkaSecurityParams security) {
        this(bootstrapServers, security, Optional.empty());
    }

    @Override
    public String toString() {
        return String.join(",", bootstrapServers);
    }
}
