package dev.tide.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.tide.scaler.kafka.KafkaAuthKedaRows.map;

import dev.tide.scaler.api.PodIdentity;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.Secret;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.params.ParameterBinder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * KEDA's auth tables, every row ({@link KafkaAuthKedaRows}): {@code TestKafkaAuthParamsInTriggerAuthentication}
 * (everything in the TriggerAuthentication), {@code TestKafkaAuthParamsInScaledObject} (sasl and tls in the
 * metadata, secrets in the TriggerAuthentication) and {@code TestKafkaOAuthbearerAuthParams} (bearer and
 * aws_msk_iam). Each row gets KEDA's decision and, when it binds, the values KEDA checks.
 */
class KafkaSecurityParamsTest {

    private static final Map<String, String> METADATA = Map.of("bootstrapServers", "broker1:9092,broker2:9092",
            "consumerGroup", "my-group", "topic", "my-topic", "allowIdleConsumers", "false");

    /** KEDA's rows use this token endpoint; Kafka 4 (and so Tide) needs it allowed. */
    @BeforeAll
    static void allowTheRowsTokenEndpoint() {
        AllowedOAuthUrls.allow("https://website.com,https://idp/token");
    }

    @AfterAll
    static void restoreAllowedUrls() {
        AllowedOAuthUrls.restore();
    }

    static Stream<Arguments> triggerAuthenticationRows() {
        return KafkaAuthKedaRows.authParamsInTriggerAuthentication().stream().map(row -> Arguments.of(row,
                with(METADATA, row.metadata())));
    }

    static Stream<Arguments> scaledObjectRows() {
        return KafkaAuthKedaRows.authParamsInScaledObject().stream().map(row -> Arguments.of(row, row.metadata()));
    }

    static Stream<Arguments> oauthRows() {
        return KafkaAuthKedaRows.oauthBearerAuthParams().stream().map(row -> Arguments.of(row,
                with(METADATA, row.metadata())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("triggerAuthenticationRows")
    void bindsTheTriggerAuthenticationAsKedaDoes(KafkaAuthKedaRows.Row row, Map<String, String> metadata) {
        KafkaSecurityParams security = checkRow(row, metadata);
        if (security != null) {
            assertThat(security.tlsEnabled()).isEqualTo(row.tls());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scaledObjectRows")
    void bindsSaslAndTlsFromTheScaledObjectAsKedaDoes(KafkaAuthKedaRows.Row row, Map<String, String> metadata) {
        KafkaSecurityParams security = checkRow(row, metadata);
        if (security != null) {
            String tls = metadata.getOrDefault("tls", row.auth().getOrDefault("tls", "disable"));
            assertThat(security.tlsEnabled()).isEqualTo(tls.equals("enable"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oauthRows")
    void bindsOAuthBearerAndMskIamAsKedaDoes(KafkaAuthKedaRows.Row row, Map<String, String> metadata) {
        KafkaSecurityParams security = checkRow(row, metadata);
        if (security == null) {
            return;
        }
        assertThat(security.tlsEnabled()).isEqualTo(row.tls());
        if (security.mskIam()) {
            assertThat(security.saslTokenProvider()).isEqualTo(TokenProvider.AWS_MSK_IAM);
            assertThat(security.awsRegion()).contains(metadata.get("awsRegion"));
            assertThat(security.awsAccessKeyID().map(Secret::reveal))
                    .isEqualTo(Optional.ofNullable(row.auth().get("awsAccessKeyID")));
            assertThat(security.awsSecretAccessKey().map(Secret::reveal))
                    .isEqualTo(Optional.ofNullable(row.auth().get("awsSecretAccessKey")));
            assertThat(security.awsRoleArn()).isEqualTo(Optional.ofNullable(row.auth().get("awsRoleArn")));
        } else {
            assertThat(security.saslTokenProvider()).isEqualTo(TokenProvider.BEARER);
            String scopes = row.auth().getOrDefault("scopes", "");
            assertThat(security.scopes()).hasSize(scopes.isEmpty() ? 0 : scopes.split(",").length)
                    .allSatisfy(scope -> assertThat(scope).isEqualTo(scope.trim()));
            String extensions = row.auth().getOrDefault("oauthExtensions", "");
            assertThat(security.oauthExtensions()).hasSize(extensions.isEmpty() ? 0 : extensions.split(",").length);
        }
    }

    /** KEDA's decision, and on success the TLS and Kerberos values KEDA checks; null when the row is an error. */
    private static KafkaSecurityParams checkRow(KafkaAuthKedaRows.Row row, Map<String, String> metadata) {
        TriggerConfig config = TriggerConfig.builder("kafka").metadata(metadata).authParams(row.auth()).build();
        if (row.error()) {
            assertThatThrownBy(() -> KafkaScalerFactory.clusterKey(config, List.of("b:1")))
                    .isInstanceOf(ScalerConfigException.class)
                    .hasMessageStartingWith("trigger[0] (kafka): ")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("admin\"", "keey", "ceert"));
            return null;
        }
        KafkaSecurityParams security = KafkaScalerFactory.clusterKey(config, List.of("b:1")).security();
        if (security.tlsEnabled()) {
            assertThat(security.ca().map(Secret::reveal)).isEqualTo(Optional.ofNullable(row.auth().get("ca")));
            assertThat(security.cert().map(Secret::reveal)).isEqualTo(Optional.ofNullable(row.auth().get("cert")));
            assertThat(security.key().map(Secret::reveal)).isEqualTo(Optional.ofNullable(row.auth().get("key")));
            assertThat(security.keyPassword().map(Secret::reveal))
                    .isEqualTo(Optional.ofNullable(row.auth().get("keyPassword")));
        }
        if (security.sasl() == SaslMechanism.GSSAPI) {
            assertThat(security.keytab().map(Secret::reveal)).isEqualTo(Optional.ofNullable(row.auth().get("keytab")));
            assertThat(security.kerberosConfig()).contains(row.auth().get("kerberosConfig"));
            assertThat(security.kerberosServiceName())
                    .isEqualTo(Optional.ofNullable(row.auth().get("kerberosServiceName")));
        }
        assertThat(security.toString()).doesNotContain("keey", "ceert", "caaa", "keeyPassword", "/path/to/keytab");
        return security;
    }

    @Test
    void metadataSaslAndTlsWinOverTheTriggerAuthentication() {
        KafkaSecurityParams security = bind(Map.of("sasl", "plaintext", "tls", "disable"), Map.of("sasl",
                "scram_sha256", "tls", "enable", "username", "admin", "password", "admin", "ca", "caaa"));
        assertThat(security.sasl()).isEqualTo(SaslMechanism.PLAINTEXT);
        assertThat(security.tlsEnabled()).isFalse();
    }

    @Test
    void kedasMessagesNameWhatIsMissing() {
        assertThatThrownBy(() -> bind(Map.of(), Map.of("sasl", "gssapi", "username", "u", "password", "p",
                "keytab", "k")))
                .hasMessageContaining("exactly one of 'password' or 'keytab' must be provided for GSSAPI authentication")
                .hasMessageContaining("no realm given")
                .hasMessageContaining("no Kerberos configuration file (kerberosConfig) given");
        assertThatThrownBy(() -> bind(Map.of(), Map.of("sasl", "oauthbearer", "saslTokenProvider", "aws_msk_iam")))
                .hasMessageContaining("TLS is required for AWS MSK authentication")
                .hasMessageContaining("no awsRegion given");
        assertThatThrownBy(() -> KafkaScalerFactory.clusterKey(TriggerConfig.builder("kafka")
                .metadata(with(METADATA, Map.of("awsRegion", "eu-west-1"))).authParams(Map.of("sasl", "oauthbearer",
                        "saslTokenProvider", "aws_msk_iam", "tls", "enable", "awsAccessKeyID", "AKID")).build(),
                List.of("b:1"))).hasMessageContaining("awsSecretAccessKey not found");
    }

    static Stream<Arguments> mskCredentialSources() {
        Map<String, String> msk = map("sasl", "oauthbearer", "saslTokenProvider", "aws_msk_iam", "tls", "enable");
        return Stream.of(
                Arguments.of("static keys", map("awsRegion", "eu-west-1"),
                        with(msk, Map.of("awsAccessKeyId", "AKID", "awsSecretAccessKey", "S")), PodIdentity.none(),
                        true, Optional.empty()),
                Arguments.of("role with the default chain", map("awsRegion", "eu-west-1"),
                        with(msk, Map.of("awsRoleArn", "arn:role")), PodIdentity.none(), false, Optional.of("arn:role")),
                Arguments.of("identityOwner operator: the default chain", map("awsRegion", "eu-west-1",
                        "identityOwner", "operator"), msk, PodIdentity.none(), false, Optional.empty()),
                Arguments.of("podIdentity aws with its role", map("awsRegion", "eu-west-1"), msk,
                        new PodIdentity("aws", Optional.empty(), Optional.empty(), Optional.empty(),
                                Optional.of("arn:pod")), false, Optional.of("arn:pod")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mskCredentialSources")
    void mskIamCredentialsComeFromWhereKedaTakesThem(String name, Map<String, String> metadata,
            Map<String, String> auth, PodIdentity identity, boolean staticKeys, Optional<String> role) {
        TriggerConfig config = TriggerConfig.builder("kafka").metadata(with(METADATA, metadata)).authParams(auth)
                .podIdentity(identity).build();
        MskIamCredentials credentials = KafkaScalerFactory.clusterKey(config, List.of("b:1")).mskIam().orElseThrow();
        assertThat(credentials.region()).isEqualTo("eu-west-1");
        assertThat(credentials.accessKeyId().isPresent()).isEqualTo(staticKeys);
        assertThat(credentials.roleArn()).isEqualTo(role);
    }

    static Stream<Arguments> clientProperties() {
        return Stream.of(
                Arguments.of("no security", map(), map("security.protocol", "PLAINTEXT")),
                Arguments.of("sasl plaintext", map("sasl", "plaintext", "username", "u", "password", "p"),
                        map("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
                                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule"
                                        + " required username=\"u\" password=\"p\";")),
                Arguments.of("scram_sha512 with a quote in the password",
                        map("sasl", "scram_sha512", "username", "u", "password", "p\"w\\"),
                        map("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
                                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule"
                                        + " required username=\"u\" password=\"p\\\"w\\\\\";")),
                Arguments.of("oauthbearer", map("sasl", "oauthbearer", "username", "id", "password", "secret",
                        "oauthTokenEndpointUri", "https://idp/token", "scopes", "a,b", "oauthExtensions", "k=v"),
                        map("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "OAUTHBEARER",
                                "sasl.login.callback.handler.class", ClientProperties.OAUTH_LOGIN_HANDLER,
                                "sasl.oauthbearer.token.endpoint.url", "https://idp/token",
                                "sasl.jaas.config",
                                "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required"
                                        + " clientId=\"id\" clientSecret=\"secret\" scope=\"a b\" extension_k=\"v\";")),
                Arguments.of("tls with PEM ca, cert, key and password", map("tls", "enable", "ca", "CA",
                        "cert", "CERT", "key", "KEY", "keyPassword", "KP"),
                        map("security.protocol", "SSL", "ssl.truststore.type", "PEM",
                                "ssl.truststore.certificates", "CA", "ssl.keystore.type", "PEM",
                                "ssl.keystore.certificate.chain", "CERT", "ssl.keystore.key", "KEY",
                                "ssl.key.password", "KP")),
                Arguments.of("tls with ca only and unsafeSsl", map("tls", "enable", "ca", "CA", "unsafeSsl", "true"),
                        map("security.protocol", "SSL", "ssl.truststore.type", "PEM",
                                "ssl.truststore.certificates", "CA", "ssl.endpoint.identification.algorithm", "",
                                "ssl.engine.factory.class", UnsafeSslEngineFactory.class.getName())),
                Arguments.of("gssapi with a password", map("sasl", "gssapi", "username", "u", "password", "p",
                        "realm", "EXAMPLE.COM", "kerberosConfig", "[libdefaults]", "kerberosServiceName", "kfk"),
                        map("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "GSSAPI",
                                "sasl.kerberos.service.name", "kfk",
                                "sasl.login.callback.handler.class", KerberosPasswordCallbackHandler.class.getName(),
                                "sasl.tide.kerberos.principal", "u@EXAMPLE.COM",
                                "sasl.tide.kerberos.password", "[hidden]",
                                "sasl.jaas.config", "com.sun.security.auth.module.Krb5LoginModule required"
                                        + " useKeyTab=false doNotPrompt=false refreshKrb5Config=true"
                                        + " useTicketCache=false principal=\"u@EXAMPLE.COM\";")),
                Arguments.of("sasl with tls", map("sasl", "scram_sha256", "username", "u", "password", "p",
                        "tls", "enable"),
                        map("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-256",
                                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule"
                                        + " required username=\"u\" password=\"p\";")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientProperties")
    void turnsSecuritySettingsIntoKafkaClientProperties(String name, Map<String, String> auth,
            Map<String, String> expected) {
        Map<String, Object> props = ClientProperties.of(List.of("b:9092"), bind(auth, auth));
        Map<String, Object> shown = new HashMap<>();
        props.forEach((k, v) -> shown.put(k, v instanceof Class<?> type ? type.getName() : v.toString()));
        Map<String, Object> wanted = new HashMap<>(expected);
        wanted.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "b:9092");
        assertThat(shown).isEqualTo(wanted);
        // Kafka must accept the property set (PEM values are checked when the client connects).
        new AdminClientConfig(props);
    }

    @Test
    void unusedCredentialsDoNotSplitTheSharedClientPool() {
        KafkaSecurityParams plain = bind(Map.of(), Map.of());
        KafkaSecurityParams leftovers = bind(Map.of(), Map.of("username", "x", "password", "y", "ca", "z"));
        assertThat(new ClusterKey(List.of("a:1", "b:1"), plain))
                .isEqualTo(new ClusterKey(List.of("b:1", "a:1"), leftovers));
    }

    private static Map<String, String> with(Map<String, String> base, Map<String, String> more) {
        Map<String, String> map = new HashMap<>(base);
        map.putAll(more);
        return map;
    }

    private static KafkaSecurityParams bind(Map<String, String> metadata, Map<String, String> auth) {
        Map<String, String> all = new HashMap<>(METADATA);
        all.putAll(metadata);
        return ParameterBinder.bind(TriggerConfig.builder("kafka").metadata(all).authParams(auth).build(),
                KafkaSecurityParams.class);
    }
}
