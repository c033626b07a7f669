package dev.tide.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.TriggerConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code aws_msk_iam} through Kafka's OAUTHBEARER login to a broker: Tide's client properties (login module, login
 * callback handler, credentials) make the token, Kafka's client presents it, and the broker's {@link
 * MskTokenValidator} checks its SigV4 signature as MSK would and names the principal after the access key id, the
 * only user the authorizer lets read. Kafka's test kit has no TLS listener, so the client's security protocol is
 * switched from SASL_SSL to SASL_PLAINTEXT here; a real MSK cluster (not available to tests) is TLS-only.
 */
class KafkaMskIamIT {

    private static final String TOPIC = "msk";
    private static final String GROUP = "msk-g";

    private static KafkaClusterTestKit cluster;

    @BeforeAll
    static void startBroker() throws Exception {
        cluster = SaslBroker.start("OAUTHBEARER", Map.of(
                "listener.name.external.oauthbearer.sasl.jaas.config",
                "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required"
                        + " unsecuredLoginStringClaim_sub=\"broker\";",
                "listener.name.external.oauthbearer.sasl.server.callback.handler.class",
                MskTokenValidator.class.getName()), MskIamSigningTest.KEY_ID);
        SaslBroker.seed(cluster, TOPIC, GROUP);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        cluster.close();
    }

    private static Admin admin(String region) {
        TriggerConfig config = TriggerConfig.builder("kafka").metadata(Map.of("bootstrapServers",
                cluster.bootstrapServers(), "consumerGroup", GROUP, "awsRegion", region)).authParams(Map.of(
                "sasl", "oauthbearer", "saslTokenProvider", "aws_msk_iam", "tls", "enable",
                "awsAccessKeyID", MskIamSigningTest.KEY_ID, "awsSecretAccessKey", MskIamSigningTest.SECRET)).build();
        ClusterKey key = KafkaScalerFactory.clusterKey(config, List.of(cluster.bootstrapServers()));
        Map<String, Object> props = new HashMap<>(ClientProperties.of(key, Optional.empty()));
        assertThat(props).containsEntry("security.protocol", "SASL_SSL");
        props.put("security.protocol", "SASL_PLAINTEXT");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return Admin.create(props);
    }

    @Test
    void theBrokerAcceptsTheSignedTokenAndReadsAsTheKeysPrincipal() throws Exception {
        try (Admin admin = admin(MskTokenValidator.REGION)) {
            assertThat(admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(TOPIC, 0)).offset()).isEqualTo(SaslBroker.COMMITTED);
        }
    }

    @Test
    void aTokenSignedForAnotherRegionIsRefused() {
        try (Admin admin = admin("us-east-2")) {
            assertThatThrownBy(() -> admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get())
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(SaslAuthenticationException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(MskIamSigningTest.SECRET));
        }
    }
}
