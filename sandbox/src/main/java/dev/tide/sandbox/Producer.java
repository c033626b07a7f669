package dev.tide.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends the load profile to the scenario's topics, each message to one topic by the topics' shares, and within a
 * topic round-robin over its partitions. The partition is chosen here: Kafka's own partitioner, given records without
 * a key, sticks to one partition for a whole batch (up to 16 KB, hundreds of these small messages), so a burst would
 * land on one or two partitions and only their consumers would work.
 */
final class Producer implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final List<ScenarioKind.Topic> topics;
    private final int partitions;
    private final Clock clock;
    private final AtomicLong sent = new AtomicLong();
    private volatile Instant firstSend;
    private volatile String phase = "idle";
    private Thread thread;

    /**
     * @param partitions partitions of each topic
     */
    Producer(String bootstrapServers, List<ScenarioKind.Topic> topics, int partitions, Clock clock) {
        this.topics = List.copyOf(topics);
        this.partitions = partitions;
        this.clock = clock;
        this.producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    /** Runs the profile on a thread of its own. */
    void start(LoadProfile profile) {
        thread = Workload.daemon("producer", () -> run(profile));
        thread.start();
    }

    private void run(LoadProfile profile) {
        for (LoadProfile.Phase current : profile.phases()) {
            phase = current.toString();
            long start = System.nanoTime();
            switch (current.kind()) {
                case "burst" -> {
                    for (long i = 0; i < current.messages(); i++) {
                        send();
                    }
                    producer.flush();
                }
                case "steady" -> {
                    long nanosPerMessage = (long) (1_000_000_000L / current.perSecond());
                    for (long i = 0; i < current.messages(); i++) {
                        waitUntil(start + i * nanosPerMessage);
                        send();
                    }
                    producer.flush();
                }
                default -> {
                    if (current.duration() == null) {
                        phase = "idle";
                        return;
                    }
                }
            }
            if (current.duration() != null) {
                waitUntil(start + current.duration().toNanos());
            }
        }
        phase = "idle";
    }

    /** One message now, flushed: for the reaction benchmark. */
    Instant sendOne() {
        Instant at = clock.instant();
        send();
        producer.flush();
        return at;
    }

    private void send() {
        long n = sent.getAndIncrement();
        if (firstSend == null) {
            firstSend = clock.instant();
        }
        Destination destination = destinationOf(topics, partitions, n);
        producer.send(new ProducerRecord<>(destination.topic(), destination.partition(), null, "order-" + n));
    }

    /**
     * Where a message goes.
     *
     * @param topic the topic
     * @param partition the partition within it
     */
    record Destination(String topic, int partition) {
    }

    /**
     * Where message {@code n} (from 0) goes: the topics' shares in a fixed cycle, so orders 3 and returns 2 send
     * messages 0-2 to orders and 3-4 to returns, then again; within a topic, its messages in turn to partitions 0, 1, ...
     */
    static Destination destinationOf(List<ScenarioKind.Topic> topics, int partitions, long n) {
        int cycle = topics.stream().mapToInt(ScenarioKind.Topic::share).sum();
        long slot = n % cycle;
        for (ScenarioKind.Topic topic : topics) {
            if (slot < topic.share()) {
                long nthOfTopic = n / cycle * topic.share() + slot;
                return new Destination(topic.name(), (int) (nthOfTopic % partitions));
            }
            slot -= topic.share();
        }
        throw new IllegalStateException("no topic for slot " + slot);
    }

    private static void waitUntil(long nanoTime) {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0 && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(wait);
        }
    }

    long sent() {
        return sent.get();
    }

    Instant firstSend() {
        return firstSend;
    }

    String phase() {
        return phase;
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.interrupt();
        }
        producer.close();
    }
}
