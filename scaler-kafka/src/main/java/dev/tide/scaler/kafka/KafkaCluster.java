package dev.tide.scaler.kafka;

import dev.tide.scaler.api.ScalerException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka cluster (bootstrap servers + security settings) shared by every trigger that reads it: one AdminClient,
 * one topic metadata cache and one batching queue. This class owns the client's life (created on first use, closed
 * with the last trigger) and the queue; what one round asks Kafka is {@link OffsetRound}'s job.
 *
 * <p>Batching works like a producer's {@code linger.ms}. A trigger's {@link #read} queues its query; the first query
 * of an idle cluster starts a round {@code idleLinger} later (at once by default) on the cluster's own thread, and
 * queries that arrive while a round runs wait for the next one, which starts {@code linger} after the one in flight
 * ends. So a lone read costs one round trip, and triggers sampled in the same tick share a few request rounds:
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
    private final Duration idleLinger;
    private final Duration linger;
    private final TopicMetadataCache metadata;
    private final ScheduledExecutorService executor;
    private final Runnable onClose;
    private final AtomicLong rounds = new AtomicLong();

    // Guarded by this.
    private final List<Pending> queue = new ArrayList<>();
    private boolean roundScheduled;
    private boolean closed;
    private Admin admin;
    private int references;

    /**
     * @param onClose releases what the cluster's login holds outside the client (Kerberos files), after the client
     */
    KafkaCluster(ClusterKey key, Supplier<Admin> adminFactory, Duration idleLinger, Duration linger,
            TopicMetadataCache metadata, Runnable onClose) {
        this.key = key;
        this.onClose = onClose;
        this.adminFactory = adminFactory;
        this.idleLinger = idleLinger;
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
            return answer.get(query.timeout().toMillis() * 2 + linger.toMillis() + idleLinger.toMillis(),
                    TimeUnit.MILLISECONDS);
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
                executor.schedule(this::runQueuedRound, idleLinger.toNanos(), TimeUnit.NANOSECONDS);
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
        OffsetRound.Deadline deadline = OffsetRound.Deadline.after(batch.stream().map(p -> p.query().timeout())
                .max(Comparator.naturalOrder()).orElseThrow());
        Admin client;
        try {
            client = admin();
        } catch (RuntimeException e) {
            fail(batch, new ScalerException("could not create a Kafka client for " + key + ": "
                    + OffsetRound.describeClientFailure(e, key.security().sasl()), e));
            return;
        }
        OffsetRound round = new OffsetRound(key, metadata, client, deadline);
        round.read(batch.stream().map(Pending::query).toList());
        for (Pending pending : batch) {
            try {
                pending.answer().complete(round.answer(pending.query()));
            } catch (ScalerException e) {
                pending.answer().completeExceptionally(e);
            }
        }
        LOG.debug("Kafka round against {}: {} queries, {} groups, {} partitions", key, batch.size(),
                round.groups(), round.partitions());
    }

    private static void fail(List<Pending> batch, ScalerException failure) {
        batch.forEach(pending -> pending.answer().completeExceptionally(failure));
    }

    /**
     * The client is created on first use, so that a DNS hiccup at startup is a sampling error, retried next poll.
     * It is created outside the lock: a SASL login runs in the constructor and may take seconds (Kafka retries an
     * unreachable token endpoint for up to 10 s), and must not hold up queries being queued or the cluster closing.
     * Only the cluster's own thread calls this.
     */
    private Admin admin() {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            if (admin != null) {
                return admin;
            }
        }
        Admin created = adminFactory.get();
        synchronized (this) {
            if (!closed) {
                admin = created;
                return created;
            }
        }
        created.close(Duration.ZERO);
        throw new IllegalStateException("closed");
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
        onClose.run();
    }
}
