package dev.tide.scaler.kafka;

import dev.tide.scaler.api.ScalerException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * One request round of a {@link KafkaCluster}: the committed offsets and end offsets that a batch of
 * {@link LagQuery queries} needs, read with as few calls as possible before one deadline.
 *
 * <p>Committed offsets and end offsets are read in parallel: a trigger that names its topic needs only cached
 * metadata to know its partitions, so its end offsets are asked for while the group's commits are on their way.
 * Only topic-less triggers (and topics that turn out to have grown) wait for the commits, and their extra
 * partitions go in one more listOffsets.
 */
final class OffsetRound {

    private final ClusterKey key;
    private final TopicMetadataCache metadata;
    private final Admin client;
    private final Deadline deadline;
    private final Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
    private final Map<String, Throwable> groupErrors = new HashMap<>();
    private final Map<String, Throwable> topicErrors = new HashMap<>();
    private final Set<String> described = new HashSet<>();
    private final Map<LagQuery, List<TopicPartition>> plans = new HashMap<>();
    private final Map<LagQuery, ScalerException> planErrors = new HashMap<>();
    private final Map<TopicPartition, KafkaFuture<ListOffsetsResultInfo>> endOffsets = new HashMap<>();

    /** A round against {@code client} that gives up at {@code deadline}. */
    OffsetRound(ClusterKey key, TopicMetadataCache metadata, Admin client, Deadline deadline) {
        this.key = key;
        this.metadata = metadata;
        this.client = client;
        this.deadline = deadline;
    }

    /** Sends the round's calls and waits for their answers; {@link #answer} then tells each query its share. */
    void read(List<LagQuery> batch) {
        Map<String, ListConsumerGroupOffsetsSpec> groups = new LinkedHashMap<>();
        Set<String> namedTopics = new LinkedHashSet<>();
        for (LagQuery query : batch) {
            // All of a group's committed partitions: one spec serves every trigger of the group, and no
            // metadata is needed before the call.
            groups.put(query.group(), new ListConsumerGroupOffsetsSpec());
            query.topic().ifPresent(namedTopics::add);
        }
        ListConsumerGroupOffsetsResult commits = client.listConsumerGroupOffsets(groups,
                new ListConsumerGroupOffsetsOptions().timeoutMs(deadline.remainingMillis()));
        collectDescriptions(describeTopics(metadata.stale(namedTopics)));
        planAndRequestEndOffsets(batch.stream().filter(query -> query.topic().isPresent()).toList());
        for (String group : groups.keySet()) {
            try {
                committed.put(group, await(commits.partitionsToOffsetAndMetadata(group)));
            } catch (ExecutionException e) {
                groupErrors.put(group, e.getCause());
            }
        }
        Set<String> discovered = discoveredTopics(batch);
        discovered.removeAll(described);
        collectDescriptions(describeTopics(discovered));
        planAndRequestEndOffsets(batch);
    }

    /** The consumer groups this round asked for, answered or not. */
    int groups() {
        return committed.size() + groupErrors.size();
    }

    /** The partitions whose end offsets this round asked for. */
    int partitions() {
        return endOffsets.size();
    }

    /**
     * Topic-less triggers learn their topics from the commits; a commit on a partition the cache does not
     * know means the topic grew: describe those now rather than wait for the cache entry to age.
     */
    private Set<String> discoveredTopics(List<LagQuery> batch) {
        Set<String> discovered = new LinkedHashSet<>();
        for (LagQuery query : batch) {
            Map<TopicPartition, OffsetAndMetadata> offsets = committed.get(query.group());
            if (offsets == null) {
                continue;
            }
            Optional<String> topic = query.topic();
            offsets.keySet().stream()
                    .filter(tp -> topic.isEmpty() || topic.get().equals(tp.topic()))
                    .filter(tp -> metadata.unknown(tp.topic(), tp.partition()))
                    .forEach(tp -> discovered.add(tp.topic()));
            if (topic.isEmpty()) {
                discovered.addAll(metadata.stale(offsets.keySet().stream().map(TopicPartition::topic)
                        .distinct().toList()));
            }
        }
        return discovered;
    }

    /** Plans the queries with what is known now and asks, in one call, for end offsets not yet asked for. */
    private void planAndRequestEndOffsets(List<LagQuery> queries) {
        Map<TopicPartition, OffsetSpec> wanted = new LinkedHashMap<>();
        for (LagQuery query : queries) {
            planErrors.remove(query);
            try {
                List<TopicPartition> plan = plan(query);
                plans.put(query, plan);
                plan.stream().filter(tp -> !endOffsets.containsKey(tp))
                        .forEach(tp -> wanted.put(tp, OffsetSpec.latest()));
            } catch (ScalerException e) {
                plans.remove(query);
                planErrors.put(query, e);
            }
        }
        if (!wanted.isEmpty()) {
            ListOffsetsResult result = client.listOffsets(wanted,
                    new ListOffsetsOptions().timeoutMs(deadline.remainingMillis()));
            wanted.keySet().forEach(tp -> endOffsets.put(tp, result.partitionResult(tp)));
        }
    }

    private List<TopicPartition> plan(LagQuery query) {
        Collection<String> topics;
        if (query.topic().isPresent()) {
            topics = List.of(query.topic().get());
        } else {
            Map<TopicPartition, OffsetAndMetadata> offsets = committed.get(query.group());
            if (offsets == null) {
                throw groupError(query.group());
            }
            topics = offsets.keySet().stream().map(TopicPartition::topic).distinct().sorted().toList();
            if (topics.isEmpty()) {
                // KEDA would describe every topic of the cluster here by accident; Tide refuses to guess.
                throw new ScalerException("consumer group \"" + query.group() + "\" has no committed offsets"
                        + " on " + key + " and the trigger names no topic, so there is no lag to measure;"
                        + " set topic");
            }
        }
        List<TopicPartition> plan = new ArrayList<>();
        for (String topic : topics) {
            Throwable topicError = topicErrors.get(topic);
            if (topicError != null) {
                throw new ScalerException("could not describe topic \"" + topic + "\" on " + key + ": "
                        + describe(topicError), topicError);
            }
            List<Integer> partitions = metadata.partitions(topic).orElseThrow(
                    () -> new ScalerException("no metadata for topic \"" + topic + "\" on " + key));
            PartitionSelection.select(topic, partitions, query.partitionLimitation())
                    .forEach(partition -> plan.add(new TopicPartition(topic, partition)));
        }
        return plan;
    }

    private ScalerException groupError(String group) {
        Throwable error = groupErrors.get(group);
        return new ScalerException("could not read the committed offsets of consumer group \"" + group
                + "\" from " + key + ": " + (error == null ? "no answer" : describe(error)), error);
    }

    /**
     * The query's partitions with their committed and end offsets.
     *
     * @throws ScalerException when anything the query needs could not be read
     */
    List<PartitionReading> answer(LagQuery query) {
        Map<TopicPartition, OffsetAndMetadata> offsets = committed.get(query.group());
        if (offsets == null) {
            throw groupError(query.group());
        }
        ScalerException planError = planErrors.get(query);
        if (planError != null) {
            throw planError;
        }
        List<PartitionReading> readings = new ArrayList<>();
        for (TopicPartition partition : plans.get(query)) {
            long latest;
            try {
                latest = await(endOffsets.get(partition)).offset();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    metadata.invalidate(partition.topic());
                }
                throw new ScalerException("could not read the end offset of " + partition + " from " + key
                        + ": " + describe(e.getCause()), e.getCause());
            }
            OffsetAndMetadata offset = offsets.get(partition);
            readings.add(new PartitionReading(partition,
                    offset == null ? LagMath.INVALID_OFFSET : offset.offset(), latest));
        }
        return readings;
    }

    private Map<String, KafkaFuture<TopicDescription>> describeTopics(Set<String> topics) {
        if (topics.isEmpty()) {
            return Map.of();
        }
        return client.describeTopics(topics, new DescribeTopicsOptions().timeoutMs(deadline.remainingMillis()))
                .topicNameValues();
    }

    private void collectDescriptions(Map<String, KafkaFuture<TopicDescription>> describing) {
        describing.forEach((topic, future) -> {
            described.add(topic);
            try {
                metadata.put(topic, await(future).partitions().stream().map(TopicPartitionInfo::partition)
                        .sorted().toList());
                topicErrors.remove(topic);
            } catch (ExecutionException e) {
                topicErrors.put(topic, e.getCause());
                metadata.invalidate(topic);
            }
        });
    }

    /** Waits for a future until the round's deadline; a timeout counts as that call's failure. */
    private <T> T await(KafkaFuture<T> future) throws ExecutionException {
        try {
            return future.get(deadline.remainingMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ExecutionException(new org.apache.kafka.common.errors.TimeoutException(
                    "no answer within the trigger timeout"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionException(e);
        }
    }

    /** An error's class and message, for the messages a trigger's status and events show. */
    static String describe(Throwable error) {
        return error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }

    /**
     * Why a client could not be built. Kafka wraps a refused SASL login (a wrong Kerberos password, an unknown
     * principal, a token endpoint that says no) in two or three "Failed to create" layers; the login's own reason is
     * what the user needs. Kafka's and the JDK's login messages name the principal and the reason, never the secret.
     */
    static String describeClientFailure(Throwable error, SaslMechanism sasl) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof javax.security.auth.login.LoginException login) {
                String mechanism = sasl == SaslMechanism.GSSAPI ? "Kerberos (gssapi)" : sasl.kafkaName();
                return "the " + mechanism + " login failed: " + login.getMessage();
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return describe(error);
    }

    /** When a round gives up: its longest query's timeout after the round started. */
    record Deadline(long nanos) {
        static Deadline after(Duration timeout) {
            return new Deadline(System.nanoTime() + timeout.toNanos());
        }

        int remainingMillis() {
            long left = TimeUnit.NANOSECONDS.toMillis(nanos - System.nanoTime());
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left));
        }
    }
}
