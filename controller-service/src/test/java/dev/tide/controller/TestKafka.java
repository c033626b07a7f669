package dev.tide.controller;

import java.util.Arrays;
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

/**
 * A one-broker KRaft cluster in the test JVM with an admin client and a string producer, for the ITs that scale on
 * a real broker's lag. Consumer group {@code workers} is the one their ScaledObjects read.
 */
final class TestKafka implements AutoCloseable {

    static final String GROUP = "workers";

    final EmbeddedKafkaKraftBroker broker;
    final String bootstrap;
    private final Admin admin;
    private final KafkaProducer<String, String> producer;

    private TestKafka(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
        this.bootstrap = broker.getBrokersAsString();
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(),
                new StringSerializer());
    }

    static TestKafka start() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        return new TestKafka(broker);
    }

    /** Topics of one partition each, with the group's offset at 0 on every one: no lag yet. */
    void topics(String... topics) throws ExecutionException, InterruptedException {
        admin.createTopics(Arrays.stream(topics).map(t -> new NewTopic(t, 1, (short) 1)).toList()).all().get();
        for (String topic : topics) {
            commit(topic, 0);
        }
    }

    /** The group's committed offset on a topic's only partition. */
    void commit(String topic, long offset) throws ExecutionException, InterruptedException {
        admin.alterConsumerGroupOffsets(GROUP, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(offset))).all().get();
    }

    /** {@code count} messages on a topic's only partition, sent before this returns. */
    void produce(String topic, int count) {
        for (int i = 0; i < count; i++) {
            producer.send(new ProducerRecord<>(topic, 0, null, topic + "-" + i));
        }
        producer.flush();
    }

    /** Closes the clients and leaves the broker running (a test may stop it on purpose later). */
    void closeClients() {
        producer.close();
        admin.close();
    }

    @Override
    public void close() {
        closeClients();
        broker.destroy();
    }
}
