package dev.tide.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.TriggerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Canary secrets for the new modes: the Kerberos password, the keytab's content, the OAuth client secret and the
 * AWS secret key never appear in an error message, a toString or a log line (the test captures stderr, where the
 * tests' logger writes), while each trigger fails against a cluster that is not there.
 */
class KafkaCanarySecretTest {

    private static final String TOKEN_URL = "http://127.0.0.1:1/token";
    private static final String KRB5 = "[libdefaults]\n default_realm = CANARY.TEST\n[realms]\n CANARY.TEST = {\n"
            + "  kdc = 127.0.0.1:1\n }\n";

    @BeforeAll
    static void allowTheTokenUrl() {
        AllowedOAuthUrls.allow(TOKEN_URL);
    }

    @AfterAll
    static void restore() {
        AllowedOAuthUrls.restore();
    }

    static Stream<Arguments> secrets() {
        return Stream.of(
                Arguments.of("Kerberos password", "canary-krb-password-a1", Map.of("sasl", "gssapi",
                        "username", "u", "password", "canary-krb-password-a1", "realm", "CANARY.TEST",
                        "kerberosConfig", KRB5)),
                Arguments.of("keytab content", "canary-keytab-content-b2", Map.of("sasl", "gssapi",
                        "username", "u", "keytab", "canary-keytab-content-b2", "realm", "CANARY.TEST",
                        "kerberosConfig", KRB5)),
                Arguments.of("OAuth client secret", "canary-oauth-secret-c3", Map.of("sasl", "oauthbearer",
                        "username", "id", "password", "canary-oauth-secret-c3", "oauthTokenEndpointUri", TOKEN_URL)),
                Arguments.of("AWS secret key", "canary-aws-secret-d4", Map.of("sasl", "oauthbearer",
                        "saslTokenProvider", "aws_msk_iam", "tls", "enable", "awsAccessKeyID", "AKIDCANARY",
                        "awsSecretAccessKey", "canary-aws-secret-d4")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void theSecretAppearsInNoMessageToStringOrLogLine(String name, String canary, Map<String, String> auth) {
        Map<String, String> metadata = new HashMap<>(Map.of("bootstrapServers", "127.0.0.1:1",
                "consumerGroup", "g", "topic", "t", "awsRegion", "eu-west-1"));
        TriggerConfig config = TriggerConfig.builder("kafka").metadata(metadata).authParams(auth)
                .timeout(Duration.ofMillis(700)).build();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Throwable failure;
        String shown;
        try (Scaler scaler = new KafkaScalerFactory().create(config)) {
            ClusterKey key = KafkaScalerFactory.clusterKey(config, List.of("127.0.0.1:1"));
            shown = scaler + " " + key + " " + key.security() + " " + key.mskIam() + " " + config;
            failure = catchThrowable(() -> scaler.sample(scaler.metricSpecs().get(0).metricName()));
        } finally {
            System.setErr(stderr);
        }
        assertThat(failure).isNotNull();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(canary);
        }
        assertThat(shown).doesNotContain(canary);
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain(canary);
    }
}
