package dev.tide.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.TriggerConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SASL/PLAIN end to end: the JAAS configuration Tide writes from a TriggerAuthentication must log in to a real
 * broker, and a wrong password must be an error. Kafka's own test kit runs the broker with a SASL_PLAINTEXT
 * listener (users from {@link JaasUtils}).
 */
class KafkaSaslIT {

    private static KafkaClusterTestKit cluster;

    @BeforeAll
    static void startSaslBroker() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                // The kit turns the authorizer on with SASL; the controller listener is PLAINTEXT (ANONYMOUS).
                .setConfigProp("super.users", "User:ANONYMOUS;User:" + JaasUtils.KAFKA_PLAIN_ADMIN)
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        Properties admin = cluster.clientProperties();
        admin.put("security.protocol", "SASL_PLAINTEXT");
        admin.put("sasl.mechanism", "PLAIN");
        admin.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + JaasUtils.KAFKA_PLAIN_ADMIN + "\" password=\"" + JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD + "\";");
        try (Admin client = Admin.create(admin)) {
            client.createTopics(java.util.List.of(new NewTopic("secured", 1, (short) 1))).all().get();
            client.alterConsumerGroupOffsets("secured-g",
                    Map.of(new TopicPartition("secured", 0), new OffsetAndMetadata(0))).all().get();
        }
    }

    @AfterAll
    static void stopSaslBroker() throws Exception {
        cluster.close();
    }

    @ParameterizedTest(name = "password {0} -> logs in {1}")
    @CsvSource({JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD + ", true", "wrong-secret, false"})
    void logsInWithSaslPlainFromTheTriggerAuthentication(String password, boolean loggedIn) {
        Map<String, String> metadata = new HashMap<>(Map.of("bootstrapServers", cluster.bootstrapServers(),
                "consumerGroup", "secured-g", "topic", "secured", "sasl", "plaintext"));
        TriggerConfig config = TriggerConfig.builder("kafka").metadata(metadata)
                .authParams(Map.of("username", JaasUtils.KAFKA_PLAIN_ADMIN, "password", password))
                .timeout(Duration.ofSeconds(2)).build();
        try (Scaler scaler = new KafkaScalerFactory().create(config)) {
            String metric = scaler.metricSpecs().get(0).metricName();
            if (loggedIn) {
                assertThat(scaler.sample(metric).values().get(0).value().toDouble()).isZero();
            } else {
                assertThatThrownBy(() -> scaler.sample(metric))
                        .isInstanceOf(ScalerException.class)
                        .hasMessageContaining("Authentication")
                        .hasMessageNotContaining("wrong-secret");
            }
        }
    }
}
