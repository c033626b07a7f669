package dev.tide.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * KEDA's auth tables: {@code parseKafkaAuthParamsTestDataset} (everything in the TriggerAuthentication),
 * {@code parseAuthParamsTestDataset2} / {@code TestKafkaAuthParamsInScaledObject} (sasl and tls in the metadata,
 * secrets in the TriggerAuthentication) and {@code parseKafkaOAuthbreakerAuthParamsTestDataset}.
 *
 * <p>Deliberate differences, named in the rows: gssapi and aws_msk_iam are refused with "not supported".
 */
class KafkaSecurityParamsTest {

    private static final Map<String, String> METADATA = Map.of("bootstrapServers", "broker1:9092,broker2:9092",
            "consumerGroup", "my-group", "topic", "my-topic", "allowIdleConsumers", "false");

    /** A row: where the values go, whether KEDA (or Tide, for the refused mechanisms) rejects it, and TLS. */
    record AuthRow(String name, Map<String, String> metadata, Map<String, String> auth, boolean error,
            boolean tls) {
    }

    private static Map<String, String> map(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static AuthRow ok(String name, boolean tls, String... auth) {
        return new AuthRow(name, Map.of(), map(auth), false, tls);
    }

    private static AuthRow error(String name, String... auth) {
        return new AuthRow(name, Map.of(), map(auth), true, false);
    }

    static Stream<AuthRow> authParamsRows() {
        return Stream.of(
                ok("sasl plaintext", false, "sasl", "plaintext", "username", "admin", "password", "admin"),
                ok("sasl scram_sha256", false, "sasl", "scram_sha256", "username", "admin", "password", "admin"),
                ok("sasl scram_sha512", false, "sasl", "scram_sha512", "username", "admin", "password", "admin"),
                ok("tls with ca, cert and key", true, "tls", "enable", "ca", "caaa", "cert", "ceert", "key",
                        "keey"),
                ok("tls with cert and key", true, "tls", "enable", "cert", "ceert", "key", "keey"),
                ok("tls with cert, key and keyPassword", true, "tls", "enable", "cert", "ceert", "key", "keey",
                        "keyPassword", "keeyPassword"),
                ok("tls with ca only", true, "tls", "enable", "ca", "caaa"),
                ok("sasl plaintext with tls", true, "sasl", "plaintext", "username", "admin", "password", "admin",
                        "tls", "enable", "ca", "caaa", "cert", "ceert", "key", "keey"),
                ok("sasl plaintext with tls disabled", false, "sasl", "plaintext", "username", "admin",
                        "password", "admin", "tls", "disable"),
                ok("sasl oauthbearer", false, "sasl", "oauthbearer", "username", "admin", "password", "admin",
                        "scopes", "scope", "oauthTokenEndpointUri", "https://website.com", "tls", "disable"),
                ok("sasl oauthbearer without scopes", false, "sasl", "oauthbearer", "username", "admin",
                        "password", "admin", "oauthTokenEndpointUri", "https://website.com", "tls", "disable"),
                ok("sasl none", false, "sasl", "none"),
                error("sasl foo", "sasl", "foo", "username", "admin", "password", "admin"),
                error("sasl plaintext without username", "sasl", "plaintext", "password", "admin"),
                error("sasl plaintext without password", "sasl", "plaintext", "username", "admin"),
                error("sasl scram_sha512 without password", "sasl", "scram_sha512", "username", "admin"),
                error("tls with key but no cert", "tls", "enable", "ca", "caaa", "key", "keey"),
                error("tls with cert but no key", "tls", "enable", "ca", "caaa", "cert", "ceert"),
                error("tls yes", "tls", "yes"),
                error("tls foo", "tls", "foo", "ca", "caaa"),
                error("sasl oauthbearer with empty token endpoint", "sasl", "oauthbearer", "username", "admin",
                        "password", "admin", "scopes", "scope", "oauthTokenEndpointUri", "", "tls", "disable"),
                error("sasl gssapi with password (Tide: not supported)", "sasl", "gssapi", "username", "admin",
                        "password", "admin", "kerberosConfig", "<config>", "realm", "tst.com"),
                error("sasl gssapi with keytab and tls (Tide: not supported)", "sasl", "gssapi", "username",
                        "admin", "keytab", "/path", "kerberosConfig", "<config>", "realm", "tst.com", "tls",
                        "enable", "ca", "caaa"),
                error("sasl gssapi without credentials", "sasl", "gssapi", "username", "admin", "kerberosConfig",
                        "<config>", "realm", "tst.com"));
    }

    /** The same cases with sasl and tls in the trigger metadata and the secrets in the TriggerAuthentication. */
    static Stream<AuthRow> metadataRows() {
        return Stream.of(
                new AuthRow("metadata sasl plaintext", map("sasl", "plaintext"),
                        map("username", "admin", "password", "admin"), false, false),
                new AuthRow("metadata sasl with trailing newline", map("sasl", "plaintext\n"),
                        map("username", "admin", "password", "admin"), false, false),
                new AuthRow("metadata sasl with trailing space", map("sasl", "scram_sha256 "),
                        map("username", "admin", "password", "admin"), false, false),
                new AuthRow("metadata tls enable", map("tls", "enable"),
                        map("ca", "caaa", "cert", "ceert", "key", "keey"), false, true),
                new AuthRow("metadata sasl and tls", map("sasl", "scram_sha512", "tls", "enable"),
                        map("username", "admin", "password", "admin", "ca", "caaa"), false, true),
                new AuthRow("metadata wins over auth params", map("sasl", "plaintext", "tls", "disable"),
                        map("sasl", "scram_sha256", "tls", "enable", "username", "admin", "password", "admin",
                                "ca", "caaa"), false, false),
                new AuthRow("metadata sasl foo", map("sasl", "foo"), map("username", "admin", "password", "admin"),
                        true, false),
                new AuthRow("metadata tls foo", map("tls", "foo"), map("ca", "caaa"), true, false),
                new AuthRow("metadata sasl without username", map("sasl", "scram_sha256"), map("password", "admin"),
                        true, false));
    }

    static Stream<Arguments> allRows() {
        return Stream.concat(authParamsRows(), metadataRows()).map(row -> Arguments.of(row.name(), row));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allRows")
    void bindsSecurityFromAuthParamsAndMetadataAsKedaDoes(String name, AuthRow row) {
        Map<String, String> metadata = new HashMap<>(METADATA);
        metadata.putAll(row.metadata());
        TriggerConfig config = TriggerConfig.builder("kafka").metadata(metadata).authParams(row.auth()).build();
        if (row.error()) {
            assertThatThrownBy(() -> ParameterBinder.bind(config, KafkaSecurityParams.class))
                    .isInstanceOf(ScalerConfigException.class)
                    .hasMessageStartingWith("trigger[0] (kafka): ")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("admin\"", "keey", "ceert"));
            return;
        }
        KafkaSecurityParams security = ParameterBinder.bind(config, KafkaSecurityParams.class);
        assertThat(security.tlsEnabled()).isEqualTo(row.tls());
        if (row.tls()) {
            assertThat(security.ca().map(Secret::reveal)).isEqualTo(Optional.ofNullable(row.auth().get("ca")));
            assertThat(security.cert().map(Secret::reveal)).isEqualTo(Optional.ofNullable(row.auth().get("cert")));
            assertThat(security.key().map(Secret::reveal)).isEqualTo(Optional.ofNullable(row.auth().get("key")));
            assertThat(security.keyPassword().map(Secret::reveal))
                    .isEqualTo(Optional.ofNullable(row.auth().get("keyPassword")));
        }
        assertThat(security.toString()).doesNotContain("keey", "ceert", "caaa", "keeyPassword");
    }

    @Test
    void metadataSaslAndTlsWinOverTheTriggerAuthentication() {
        AuthRow row = metadataRows().filter(r -> r.name().equals("metadata wins over auth params")).findFirst()
                .orElseThrow();
        KafkaSecurityParams security = bind(row.metadata(), row.auth());
        assertThat(security.sasl()).isEqualTo(SaslMechanism.PLAINTEXT);
        assertThat(security.tlsEnabled()).isFalse();
    }

    static Stream<Arguments> oauthRows() {
        Map<String, String> base = map("sasl", "oauthbearer", "username", "admin", "password", "admin",
                "oauthTokenEndpointUri", "https://website.com");
        return Stream.of(
                Arguments.of("bearer with scopes", with(base, "scopes", "scope1, scope2"), false,
                        List.of("scope1", "scope2"), Map.of()),
                Arguments.of("explicit bearer provider", with(base, "saslTokenProvider", "bearer"), false, List.of(),
                        Map.of()),
                Arguments.of("one extension", with(base, "oauthExtensions", "extension_foo=bar"), false, List.of(),
                        Map.of("extension_foo", "bar")),
                Arguments.of("two extensions", with(base, "oauthExtensions", "extension_foo=bar,extension_baz=baz"),
                        false, List.of(), Map.of("extension_foo", "bar", "extension_baz", "baz")),
                Arguments.of("extension without value", with(base, "oauthExtensions", "extension_foo=bar,extension_bazbaz"),
                        true, List.of(), Map.of()),
                Arguments.of("aws_msk_iam (Tide: not supported)", with(base, "saslTokenProvider", "aws_msk_iam",
                        "awsRegion", "eu-west-1", "tls", "enable", "awsRoleArn", "arn"), true, List.of(), Map.of()),
                Arguments.of("no token endpoint", with(base, "oauthTokenEndpointUri", ""), true, List.of(), Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oauthRows")
    void bindsOAuthBearerSettings(String name, Map<String, String> auth, boolean error, List<String> scopes,
            Map<String, String> extensions) {
        if (error) {
            assertThatThrownBy(() -> bind(Map.of(), auth)).isInstanceOf(ScalerConfigException.class);
            return;
        }
        KafkaSecurityParams security = bind(Map.of(), auth);
        assertThat(security.scopes()).isEqualTo(scopes);
        assertThat(security.oauthExtensions()).isEqualTo(extensions);
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
        props.forEach((k, v) -> shown.put(k, v instanceof Class<?> type ? type.getName() : v));
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

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> map = new HashMap<>(base);
        map.putAll(map(pairs));
        return map;
    }

    private static KafkaSecurityParams bind(Map<String, String> metadata, Map<String, String> auth) {
        Map<String, String> all = new HashMap<>(METADATA);
        all.putAll(metadata);
        return ParameterBinder.bind(TriggerConfig.builder("kafka").metadata(all).authParams(auth).build(),
                KafkaSecurityParams.class);
    }
}
