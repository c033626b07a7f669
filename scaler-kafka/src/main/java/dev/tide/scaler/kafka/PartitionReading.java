package dev.tide.scaler.kafka;

import org.apache.kafka.common.TopicPartition;

/**
 * One partition as a round read it.
 *
 * @param committed the group's committed offset, {@link LagMath#INVALID_OFFSET} when it has none
 * @param latest the partition's end offset
 */
record PartitionReading(TopicPartition partition, long committed, long latest) {
}
