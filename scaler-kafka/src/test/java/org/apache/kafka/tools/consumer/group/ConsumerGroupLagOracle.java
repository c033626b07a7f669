package org.apache.kafka.tools.consumer.group;

import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka's own {@code kafka-consumer-groups.sh --describe --group <g>}, run in the test JVM: the lag oracle for the
 * integration tests. It lives in Kafka's package because the command's service class is package-private.
 */
public final class ConsumerGroupLagOracle {

    private ConsumerGroupLagOracle() {
    }

    /** Lag per partition as the tool prints it; partitions without a committed offset have no lag and are left out. */
    public static Map<TopicPartition, Long> describe(String bootstrapServers, String group) throws Exception {
        ConsumerGroupCommandOptions options = ConsumerGroupCommandOptions.fromArgs(new String[] {
            "--bootstrap-server", bootstrapServers, "--describe", "--group", group});
        Map<TopicPartition, Long> lags = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        try (ConsumerGroupCommand.ConsumerGroupService service =
                new ConsumerGroupCommand.ConsumerGroupService(options, Map.of())) {
            service.collectGroupOffsets(group).getValue().orElseThrow().forEach(state -> {
                if (state.topic.isPresent() && state.partition.isPresent() && state.lag.isPresent()) {
                    lags.put(new TopicPartition(state.topic.get(), state.partition.get()), state.lag.get());
                }
            });
        }
        return lags;
    }
}
