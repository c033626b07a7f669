package dev.tide.scaler.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A KRaft broker in the test JVM with the few helpers the integration tests need: topics, records, commits. */
final class EmbeddedKafka implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;
    private final Admin admin;
    private final KafkaProducer<String, String> producer;
    private boolean stopped;

    EmbeddedKafka() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer());
    }

    String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    void createTopic(String topic, int partitions) {
        broker.addTopics(new NewTopic(topic, partitions, (short) 1));
    }

    void addPartitions(String topic, int total) throws ExecutionException, InterruptedException {
        admin.createPartitions(Map.of(topic, org.apache.kafka.clients.admin.NewPartitions.increaseTo(total)))
                .all().get();
    }

    /** Appends {@code counts[i]} records to partition i. */
    void produce(String topic, int... counts) throws ExecutionException, InterruptedException {
        for (int partition = 0; partition < counts.length; partition++) {
            for (int i = 0; i < counts[partition]; i++) {
                producer.send(new ProducerRecord<>(topic, partition, null, "r" + i));
            }
        }
        producer.flush();
    }

    /** Commits offsets for a group without members, as a stopped consumer leaves them. */
    void commit(String group, Map<TopicPartition, Long> offsets) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        offsets.forEach((partition, offset) -> committed.put(partition, new OffsetAndMetadata(offset)));
        admin.alterConsumerGroupOffsets(group, committed).all().get();
    }

    static Map<TopicPartition, Long> offsets(String topic, long... perPartition) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (int partition = 0; partition < perPartition.length; partition++) {
            offsets.put(new TopicPartition(topic, partition), perPartition[partition]);
        }
        return offsets;
    }


    /** Stops the broker; the helpers' own clients are closed first so they do not retry in the background. */
    void stop() {
        if (!stopped) {
            stopped = true;
            producer.close();
            admin.close();
            broker.destroy();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
