package dev.tide.sandbox;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer group's lag as the timeline shows it, per topic of the scenario: end offsets minus committed offsets
 * over every partition, read with Kafka's admin client.
 */
final class Lags implements AutoCloseable {

    private final Admin admin;
    private final List<String> topics;
    private final int partitions;

    Lags(String bootstrapServers, List<String> topics, int partitions) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.topics = List.copyOf(topics);
        this.partitions = partitions;
    }

    /**
     * Per topic, in the scenario's order: end offsets minus committed offsets; a partition without a commit counts
     * from 0, as offsetResetPolicy earliest. -1 for each when Kafka did not answer.
     */
    List<Long> read() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(Settings.GROUP)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String topic : topics) {
                for (int p = 0; p < partitions; p++) {
                    latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            Map<String, Long> lags = new HashMap<>();
            for (var end : ends.entrySet()) {
                OffsetAndMetadata commit = committed.get(end.getKey());
                lags.merge(end.getKey().topic(), end.getValue().offset() - (commit == null ? 0 : commit.offset()),
                        Long::sum);
            }
            return topics.stream().map(topic -> lags.getOrDefault(topic, 0L)).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Collections.nCopies(topics.size(), -1L);
        } catch (ExecutionException e) {
            return Collections.nCopies(topics.size(), -1L);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
