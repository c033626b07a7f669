package dev.tide.scaler.kafka;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A broker from Kafka's own test kit with a SASL_PLAINTEXT listener ({@code EXTERNAL}) that takes PLAIN (the kit's
 * admin, used to seed data) and one more mechanism, configured by the caller, with the authorizer on: only the
 * given users may read, so a read proves the broker authenticated that user.
 */
final class SaslBroker {

    /** Records written to partition 0 by {@link #seed}, and the group's committed offset: the lag is 5. */
    static final int RECORDS = 7;
    static final int COMMITTED = 2;

    private SaslBroker() {
    }

    static KafkaClusterTestKit start(String mechanism, Map<String, String> listenerProps, String... users)
            throws Exception {
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("sasl.enabled.mechanisms", "PLAIN," + mechanism)
                .setConfigProp("super.users", "User:ANONYMOUS;User:" + JaasUtils.KAFKA_PLAIN_ADMIN
                        + (users.length == 0 ? "" : ";User:" + String.join(";User:", users)));
        listenerProps.forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return cluster;
    }

    /** One partition with {@link #RECORDS} records and the group committed at {@link #COMMITTED}. */
    static void seed(KafkaClusterTestKit cluster, String topic, String group) throws Exception {
        Properties admin = cluster.clientProperties();
        admin.put("security.protocol", "SASL_PLAINTEXT");
        admin.put("sasl.mechanism", "PLAIN");
        admin.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + JaasUtils.KAFKA_PLAIN_ADMIN + "\" password=\"" + JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD + "\";");
        try (Admin client = Admin.create(admin);
                KafkaProducer<String, String> producer = new KafkaProducer<>(admin, new StringSerializer(),
                        new StringSerializer())) {
            client.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, "r" + i)).get();
            }
            client.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0),
                    new OffsetAndMetadata(COMMITTED))).all().get();
        }
    }
}
