package dev.tide.scaler.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What one trigger asks its cluster in a round: a group's offsets for one topic, or for all it committed to. */
record LagQuery(String group, Optional<String> topic, List<Integer> partitionLimitation, Duration timeout) {

    LagQuery {
        partitionLimitation = List.copyOf(partitionLimitation);
    }

    static LagQuery of(KafkaTriggerParams params, Duration timeout) {
        return new LagQuery(params.consumerGroup(), params.topic(), params.partitionLimitation(), timeout);
    }
}
