package dev.tide.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.TriggerConfig;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code sasl: oauthbearer} with the default provider end to end: Tide gets a token from a local token endpoint
 * ({@link TokenEndpoint}: client credentials, username/password as client id/secret, KEDA's {@code scopes}) and
 * presents it to a broker whose OAUTHBEARER listener validates it (Kafka's own OAuthBearerValidatorCallbackHandler,
 * checking the RS256 signature against the endpoint's JWKS); the authorizer
 * lets only the token's subject read, so the lag read proves the broker took Tide's token.
 */
class KafkaOAuthBearerIT {

    private static final String TOPIC = "oauth";
    private static final String GROUP = "oauth-g";
    private static final String CLIENT = "tide-oauth-client";
    private static final String SECRET = "canary-oauth-secret-3b8e";

    private static TokenEndpoint endpoint;
    private static KafkaClusterTestKit cluster;

    @BeforeAll
    static void startEndpointAndBroker() throws Exception {
        endpoint = new TokenEndpoint(CLIENT, SECRET);
        // Kafka 4 fetches tokens and keys only from allowed URLs (the broker's JWKS too: it runs in this JVM).
        AllowedOAuthUrls.allow(endpoint.url() + "," + endpoint.jwksUrl());
        cluster = SaslBroker.start("OAUTHBEARER", Map.of(
                "listener.name.external.oauthbearer.sasl.jaas.config",
                "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;",
                "listener.name.external.oauthbearer.sasl.server.callback.handler.class",
                "org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler",
                "sasl.oauthbearer.jwks.endpoint.url", endpoint.jwksUrl()), CLIENT);
        SaslBroker.seed(cluster, TOPIC, GROUP);
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
        endpoint.close();
        AllowedOAuthUrls.restore();
    }

    private static TriggerConfig trigger(String secret) {
        return TriggerConfig.builder("kafka").metadata(Map.of("bootstrapServers", cluster.bootstrapServers(),
                "consumerGroup", GROUP, "topic", TOPIC, "sasl", "oauthbearer")).authParams(Map.of("username", CLIENT,
                "password", secret, "oauthTokenEndpointUri", endpoint.url(), "scopes", "read, write",
                "oauthExtensions", "traceId=tide")).timeout(Duration.ofSeconds(10)).build();
    }

    private static double lag(Scaler scaler) {
        return scaler.sample(scaler.metricSpecs().get(0).metricName()).values().get(0).value().toDouble();
    }

    @Test
    void theTokenFromTheEndpointIsPresentedAndTheLagIsTheBrokersOwn() {
        int before = endpoint.requests().size();
        try (Scaler scaler = new KafkaScalerFactory().create(trigger(SECRET))) {
            assertThat(lag(scaler)).isEqualTo(SaslBroker.RECORDS - SaslBroker.COMMITTED);
        }
        assertThat(endpoint.requests().subList(before, endpoint.requests().size())).isNotEmpty()
                .allSatisfy(request -> {
                    String form = URLDecoder.decode(request.body(), StandardCharsets.UTF_8);
                    assertThat(form).contains("grant_type=client_credentials", "scope=read write");
                });
    }

    @Test
    void aWrongClientSecretIsReportedWithoutTheSecret() {
        String wrong = "canary-wrong-oauth-secret-0c4d";
        try (Scaler scaler = new KafkaScalerFactory().create(trigger(wrong))) {
            assertThatThrownBy(() -> lag(scaler))
                    .isInstanceOf(ScalerException.class)
                    .satisfies(e -> assertThat(e.getMessage()).contains("the OAUTHBEARER login failed: ")
                            .doesNotContain(wrong, SECRET));
        }
    }
}
