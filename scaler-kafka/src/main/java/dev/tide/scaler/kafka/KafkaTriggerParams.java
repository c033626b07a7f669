package dev.tide.scaler.kafka;

import static dev.tide.scaler.api.params.Source.RESOLVED_ENV;
import static dev.tide.scaler.api.params.Source.TRIGGER_METADATA;

import dev.tide.scaler.api.params.Param;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code type: kafka} trigger metadata (KEDA {@code kafka_scaler.go}, {@code parseKafkaMetadata}). Security
 * settings live in {@link KafkaSecurityParams}.
 */
record KafkaTriggerParams(
        @Param(order = {TRIGGER_METADATA, RESOLVED_ENV},
                description = "Kafka bootstrap servers, host:port")
        List<String> bootstrapServers,

        @Param(order = {TRIGGER_METADATA, RESOLVED_ENV}, description = "The consumer group whose lag is measured")
        String consumerGroup,

        @Param(order = {TRIGGER_METADATA, RESOLVED_ENV},
                description = "Topic to measure; empty means every topic the group has committed offsets for")
        Optional<String> topic,

        @Param(optional = true, ranges = true,
                description = "Partitions of the topic to measure, e.g. 1,2,10-12; ignored without topic")
        List<Integer> partitionLimitation,

        @Param(defaultValue = "10", min = 0, minExclusive = true,
                description = "Target lag per replica (AverageValue)")
        long lagThreshold,

        @Param(defaultValue = "0", min = 0, description = "The trigger is active when the lag is above this")
        long activationLagThreshold,

        @Param(defaultValue = "latest",
                description = "How a partition without a committed offset counts: latest = 1,"
                        + " earliest = its end offset")
        OffsetResetPolicy offsetResetPolicy,

        @Param(defaultValue = "false",
                description = "Allow more replicas than partitions (no partition-count cap on the metric)")
        boolean allowIdleConsumers,

        @Param(defaultValue = "false",
                description = "A partition whose committed offset did not move since the last poll counts 0")
        boolean excludePersistentLag,

        @Param(defaultValue = "false",
                description = "A partition without a committed offset counts 0 under either policy")
        boolean scaleToZeroOnInvalidOffset,

        @Param(defaultValue = "false",
                description = "Cap replicas at the number of partitions with lag; needs topic")
        boolean limitToPartitionsWithLag,

        @Param(defaultValue = "false",
                description = "Round the lag up so replicas divide the partition count evenly; needs topic")
        boolean ensureEvenDistributionOfPartitions,

        @Param(defaultValue = "true",
                description = "KEDA (Sarama) metadata scope; false needs topic."
                        + " Tide always reads topic-scoped metadata")
        boolean fullMetadata,

        @Param(optional = true,
                description = "Sarama protocol version; checked for form and otherwise ignored"
                        + " (the Java client negotiates)")
        Optional<String> version) {

    /** Sarama's {@code ParseKafkaVersion}: {@code 0.a.b.c} before 1.0, {@code a.b.c} from 1.0 on. */
    private static final Pattern PRE_1_0 = Pattern.compile("0\\.\\d+\\.\\d+\\.\\d+");
    private static final Pattern FROM_1_0 = Pattern.compile("[1-9]\\d*\\.\\d+\\.\\d+");

    KafkaTriggerParams {
        bootstrapServers = List.copyOf(bootstrapServers);
        // KEDA applies a partition limitation only together with a topic; without one it is silently dropped.
        partitionLimitation = topic.isPresent() ? List.copyOf(partitionLimitation) : List.of();
        List<String> problems = new ArrayList<>();
        if (allowIdleConsumers && limitToPartitionsWithLag) {
            problems.add("allowIdleConsumers and limitToPartitionsWithLag cannot be set simultaneously");
        }
        if (ensureEvenDistributionOfPartitions && limitToPartitionsWithLag) {
            problems.add("ensureEvenDistributionOfPartitions and limitToPartitionsWithLag cannot be set"
                    + " simultaneously");
        }
        if (topic.isEmpty()) {
            if (limitToPartitionsWithLag) {
                problems.add("topic must be specified when using limitToPartitionsWithLag");
            }
            if (ensureEvenDistributionOfPartitions) {
                problems.add("topic must be specified when using ensureEvenDistributionOfPartitions");
            }
            if (!fullMetadata) {
                problems.add("topic must be specified when using fullMetadata=false");
            }
        }
        version.filter(v -> !PRE_1_0.matcher(v).matches() && !FROM_1_0.matcher(v).matches())
                .ifPresent(v -> problems.add("parameter \"version\" value \"" + v + "\" is not a Kafka version"));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** KEDA's metric name before the {@code s<i>-} prefix. */
    String metricBaseName() {
        return topic.map(t -> "kafka-" + t).orElseGet(() -> "kafka-" + consumerGroup + "-topics");
    }
}
