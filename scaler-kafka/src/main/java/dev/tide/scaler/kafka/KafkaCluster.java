package dev.tide.scaler.kafka;

import dev.tide.scaler.api.ScalerException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka cluster (bootstrap servers + security settings) shared by every trigger that reads it: one AdminClient,
 * one topic metadata cache and one batching queue.
 *
 * <p>Batching works like a producer's {@code linger.ms}. A trigger's {@link #read} queues its query; the first
 * query into an empty queue schedules a round {@code linger} later on the cluster's own thread, and queries that
 * arrive while a round runs wait for the next one. So triggers sampled in the same tick share one request round:
 * committed offsets of all their groups in one {@code listConsumerGroupOffsets}, end offsets of all their partitions
 * in one {@code listOffsets} (which Kafka's client fans out as one request per coordinator and per leader broker).
 * The cluster's single thread also keeps one dead cluster from taking threads from the others.
 *
 * <p>Nothing is ever guessed: a group, topic or partition that could not be read fails the queries that need it
 * with a {@link ScalerException}, while the other queries of the round are still answered.
 */
final class KafkaCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaCluster.class);
    private static final AtomicLong IDS = new AtomicLong();

    private record Pending(LagQuery query, CompletableFuture<List<PartitionReading>> answer) {
    }

    private final ClusterKey key;
    private final Supplier<Admin> adminFactory;
    private final Duration linger;
    private final TopicMetadataCache metadata;
    private final ScheduledExecutorService executor;
    private final AtomicLong rounds = new AtomicLong();

    // Guarded by this.
    private final List<Pending> queue = new ArrayList<>();
    private boolean roundScheduled;
    private boolean closed;
    private Admin admin;
    private int references;

    KafkaCluster(ClusterKey key, Supplier<Admin> adminFactory, Duration linger, TopicMetadataCache metadata) {
        this.key = key;
        this.adminFactory = adminFactory;
        this.linger = linger;
        this.metadata = metadata;
        String threadName = "tide-kafka-" + IDS.incrementAndGet();
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    ClusterKey key() {
        return key;
    }

    /** How many request rounds this cluster has run; tests and benchmarks read it. */
    long rounds() {
        return rounds.get();
    }

    synchronized void retain() {
        references++;
    }

    /** Drops one reference; true when it was the last and the cluster must be closed. */
    synchronized boolean release() {
        return --references == 0;
    }

    /**
     * Reads the query's partitions in the next round, waiting at most twice its timeout (a round in flight, then
     * its own).
     *
     * @throws ScalerException when anything the query needs could not be read
     */
    List<PartitionReading> read(LagQuery query) {
        CompletableFuture<List<PartitionReading>> answer = submit(query);
        try {
            return answer.get(query.timeout().toMillis() * 2 + linger.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ScalerException failure) {
                throw new ScalerException(failure.getMessage(), failure.getCause());
            }
            throw new ScalerException("reading offsets from " + key + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new ScalerException("no answer from Kafka at " + key + " within " + query.timeout().multipliedBy(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScalerException("interrupted while reading offsets from " + key, e);
        }
    }

    CompletableFuture<List<PartitionReading>> submit(LagQuery query) {
        Pending pending = new Pending(query, new CompletableFuture<>());
        synchronized (this) {
            if (closed) {
                pending.answer().completeExceptionally(
                        new ScalerException("the Kafka client for " + key + " is closed"));
                return pending.answer();
            }
            queue.add(pending);
            if (!roundScheduled) {
                roundScheduled = true;
                executor.schedule(this::runQueuedRound, linger.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
        return pending.answer();
    }

    private void runQueuedRound() {
        List<Pending> batch;
        synchronized (this) {
            batch = new ArrayList<>(queue);
            queue.clear();
        }
        try {
            runRound(batch);
        } catch (RuntimeException e) {
            // A bug or an unexpected client error: the waiting triggers must hear of it, not time out.
            LOG.error("Kafka request round against {} failed unexpectedly", key, e);
            fail(batch, new ScalerException("reading offsets from " + key + " failed: " + e, e));
        } finally {
            synchronized (this) {
                if (queue.isEmpty() || closed) {
                    roundScheduled = false;
                } else {
                    executor.schedule(this::runQueuedRound, linger.toNanos(), TimeUnit.NANOSECONDS);
                }
            }
        }
    }

    private void runRound(List<Pending> batch) {
        rounds.incrementAndGet();
        Deadline deadline = Deadline.after(batch.stream().map(p -> p.query().timeout())
                .max(Comparator.naturalOrder()).orElseThrow());
        Admin client;
        try {
            client = admin();
        } catch (RuntimeException e) {
            fail(batch, new ScalerException("could not create a Kafka client for " + key + ": " + describe(e), e));
            return;
        }
        Round round = new Round(client, deadline);
        round.read(batch);
        for (Pending pending : batch) {
            try {
                pending.answer().complete(round.answer(pending.query()));
            } catch (ScalerException e) {
                pending.answer().completeExceptionally(e);
            }
        }
        LOG.debug("Kafka round against {}: {} queries, {} groups, {} partitions", key, batch.size(),
                round.committed.size() + round.groupErrors.size(), round.endOffsets.size());
    }

    /**
     * One request round. Committed offsets and end offsets are read in parallel: a trigger that names its topic
     * needs only cached metadata to know its partitions, so its end offsets are asked for while the group's
     * commits are on their way. Only topic-less triggers (and topics that turn out to have grown) wait for the
     * commits, and their extra partitions go in one more listOffsets.
     */
    private final class Round {
        private final Admin client;
        private final Deadline deadline;
        private final Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
        private final Map<String, Throwable> groupErrors = new HashMap<>();
        private final Map<String, Throwable> topicErrors = new HashMap<>();
        private final Set<String> described = new HashSet<>();
        private final Map<LagQuery, List<TopicPartition>> plans = new HashMap<>();
        private final Map<LagQuery, ScalerException> planErrors = new HashMap<>();
        private final Map<TopicPartition, KafkaFuture<ListOffsetsResultInfo>> endOffsets = new HashMap<>();

        Round(Admin client, Deadline deadline) {
            this.client = client;
            this.deadline = deadline;
        }

        void read(List<Pending> batch) {
            Map<String, ListConsumerGroupOffsetsSpec> groups = new LinkedHashMap<>();
            Set<String> namedTopics = new LinkedHashSet<>();
            for (Pending pending : batch) {
                // All of a group's committed partitions: one spec serves every trigger of the group, and no
                // metadata is needed before the call.
                groups.put(pending.query().group(), new ListConsumerGroupOffsetsSpec());
                pending.query().topic().ifPresent(namedTopics::add);
            }
            ListConsumerGroupOffsetsResult commits = client.listConsumerGroupOffsets(groups,
                    new ListConsumerGroupOffsetsOptions().timeoutMs(deadline.remainingMillis()));
            collectDescriptions(describeTopics(metadata.stale(namedTopics)));
            planAndRequestEndOffsets(batch.stream().filter(p -> p.query().topic().isPresent()).toList());
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

        /**
         * Topic-less triggers learn their topics from the commits; a commit on a partition the cache does not
         * know means the topic grew: describe those now rather than wait for the cache entry to age.
         */
        private Set<String> discoveredTopics(List<Pending> batch) {
            Set<String> discovered = new LinkedHashSet<>();
            for (Pending pending : batch) {
                Map<TopicPartition, OffsetAndMetadata> offsets = committed.get(pending.query().group());
                if (offsets == null) {
                    continue;
                }
                Optional<String> topic = pending.query().topic();
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
        private void planAndRequestEndOffsets(List<Pending> queries) {
            Map<TopicPartition, OffsetSpec> wanted = new LinkedHashMap<>();
            for (Pending pending : queries) {
                LagQuery query = pending.query();
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
    }

    private record Deadline(long nanos) {
        static Deadline after(Duration timeout) {
            return new Deadline(System.nanoTime() + timeout.toNanos());
        }

        int remainingMillis() {
            long left = TimeUnit.NANOSECONDS.toMillis(nanos - System.nanoTime());
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left));
        }
    }

    private static String describe(Throwable error) {
        return error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }

    private static void fail(List<Pending> batch, ScalerException failure) {
        batch.forEach(pending -> pending.answer().completeExceptionally(failure));
    }

    /** The client is created on first use, so that a DNS hiccup at startup is a sampling error, retried next poll. */
    private synchronized Admin admin() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (admin == null) {
            admin = adminFactory.get();
        }
        return admin;
    }

    Optional<Admin> adminIfCreated() {
        synchronized (this) {
            return Optional.ofNullable(admin);
        }
    }

    @Override
    public void close() {
        List<Pending> abandoned;
        Admin client;
        synchronized (this) {
            closed = true;
            abandoned = new ArrayList<>(queue);
            queue.clear();
            client = admin;
            admin = null;
        }
        fail(abandoned, new ScalerException("the Kafka client for " + key + " was closed"));
        executor.shutdownNow();
        if (client != null) {
            // Nobody waits for this client any more: do not block the closing trigger on a slow or dead broker.
            client.close(Duration.ZERO);
            LOG.info("Closed the Kafka client for {}: its last trigger is gone", key);
        }
    }
}
