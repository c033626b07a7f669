package dev.tide.sandbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The messages one Job takes when it starts: the first {@code size} of what the consumer returned, with the offsets
 * to commit for the consumer group (per partition, one past the last message taken) and, per partition, where the
 * consumer must seek back to for messages it fetched beyond the batch (they stay for the next Job).
 *
 * @param taken how many messages the Job took
 * @param commit the offsets to commit, per partition the Job took from
 * @param rewind where to seek, per partition with messages fetched beyond the batch
 */
record JobBatch(int taken, Map<TopicPartition, Long> commit, Map<TopicPartition, Long> rewind) {

    /** A message the consumer returned. */
    record Offset(TopicPartition partition, long offset) {
    }

    JobBatch {
        commit = Map.copyOf(commit);
        rewind = Map.copyOf(rewind);
    }

    /**
     * How many messages a Job takes: {@code messagesPerJob}, or all that wait when fewer do (per partition, the end
     * offset minus the consumer's position).
     */
    static long size(long messagesPerJob, Map<TopicPartition, Long> ends, Map<TopicPartition, Long> positions) {
        long waiting = 0;
        for (var end : ends.entrySet()) {
            waiting += Math.max(0, end.getValue() - positions.getOrDefault(end.getKey(), 0L));
        }
        return Math.min(messagesPerJob, waiting);
    }

    /** The first {@code size} of {@code polled} (in the order the consumer returned them, each partition in order). */
    static JobBatch of(List<Offset> polled, long size) {
        Map<TopicPartition, Long> commit = new HashMap<>();
        Map<TopicPartition, Long> rewind = new HashMap<>();
        int taken = 0;
        for (Offset message : polled) {
            if (taken < size) {
                commit.merge(message.partition(), message.offset() + 1, Math::max);
                taken++;
            } else {
                rewind.merge(message.partition(), message.offset(), Math::min);
            }
        }
        return new JobBatch(taken, commit, rewind);
    }
}
