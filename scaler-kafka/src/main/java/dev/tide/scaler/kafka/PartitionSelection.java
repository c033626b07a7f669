package dev.tide.scaler.kafka;

import dev.tide.scaler.api.ScalerException;
import java.util.Collection;
import java.util.List;

/** KEDA's {@code isActivePartition} filter applied to a topic's partitions (from {@code getTopicPartitions}). */
final class PartitionSelection {

    private PartitionSelection() {
    }

    /**
     * The partitions of {@code topic} to measure: all of them, or those named by the limitation.
     *
     * @throws ScalerException when nothing is left, as KEDA refuses to measure a topic without active partitions
     */
    static List<Integer> select(String topic, Collection<Integer> available, List<Integer> limitation) {
        List<Integer> selected = available.stream()
                .filter(partition -> limitation.isEmpty() || limitation.contains(partition))
                .sorted()
                .toList();
        if (selected.isEmpty()) {
            throw new ScalerException("expected at least one active partition within the topic '" + topic + "'");
        }
        return selected;
    }
}
