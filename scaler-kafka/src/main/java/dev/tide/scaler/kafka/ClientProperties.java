package dev.tide.scaler.kafka;

import dev.tide.scaler.api.Secret;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.types.Password;

/**
 * Turns a cluster's settings into Kafka client properties. TLS material is passed as PEM text
 * ({@code ssl.truststore.type=PEM}, {@code ssl.keystore.type=PEM}), so no key store file is ever written.
 * The returned map holds secrets: never log it (Kafka's own config logging masks password-typed values).
 */
final class ClientProperties {

    static final String OAUTH_LOGIN_HANDLER =
            "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler";

    /** Kafka 4 only fetches OAuth tokens from endpoints listed in this JVM system property (CVE-2025-27817). */
    static final String ALLOWED_OAUTH_URLS = "org.apache.kafka.sasl.oauthbearer.allowed.urls";

    private ClientProperties() {
    }

    /**
     * Why this JVM's Kafka client would refuse the trigger's token endpoint, if it would. Said at creation, in the
     * trigger's words, instead of as a login failure at every poll. Tide does not widen the list itself: it is the
     * operator's guard against ScaledObjects that point the controller at arbitrary URLs.
     */
    static Optional<String> oauthEndpointRefusal(KafkaSecurityParams security, String allowedUrls) {
        if (security.sasl() != SaslMechanism.OAUTHBEARER || security.oauthTokenEndpointUri().isEmpty()) {
            return Optional.empty();
        }
        String endpoint = security.oauthTokenEndpointUri().get();
        boolean allowed = Arrays.stream(allowedUrls.split(",")).map(String::trim).anyMatch(endpoint::equals);
        return allowed ? Optional.empty() : Optional.of("oauthTokenEndpointUri \"" + endpoint + "\" is not allowed"
                + " by this Tide installation: add it to the JVM system property " + ALLOWED_OAUTH_URLS
                + " (comma-separated), which Kafka 4 requires for OAuth token endpoints");
    }

    /** Kafka's own login module for Kerberos: the JDK's. */
    static final String KRB5_LOGIN_MODULE = "com.sun.security.auth.module.Krb5LoginModule";

    static Map<String, Object> of(List<String> bootstrapServers, KafkaSecurityParams security) {
        return of(new ClusterKey(bootstrapServers, security), Optional.empty());
    }

    /**
     * @param keytab where a gssapi cluster's keytab was written, when it has one
     */
    static Map<String, Object> of(ClusterKey key, Optional<Path> keytab) {
        KafkaSecurityParams security = key.security();
        List<String> bootstrapServers = key.bootstrapServers();
        Map<String, Object> props = new TreeMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", bootstrapServers));
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol(security));
        if (security.sasl() != SaslMechanism.NONE) {
            props.put(SaslConfigs.SASL_MECHANISM, security.sasl().kafkaName());
            props.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(security, keytab));
        }
        if (security.sasl() == SaslMechanism.GSSAPI) {
            props.put(SaslConfigs.SASL_KERBEROS_SERVICE_NAME, security.kerberosServiceName().orElse("kafka"));
            if (security.password().isPresent()) {
                props.put(SaslConfigs.SASL_LOGIN_CALLBACK_HANDLER_CLASS, KerberosPasswordCallbackHandler.class);
                props.put(KerberosPasswordCallbackHandler.PRINCIPAL_CONFIG, kerberosPrincipal(security));
                props.put(KerberosPasswordCallbackHandler.PASSWORD_CONFIG,
                        new Password(security.password().get().reveal()));
            }
        }
        if (security.mskIam()) {
            props.put(SaslConfigs.SASL_LOGIN_CALLBACK_HANDLER_CLASS, MskIamLoginCallbackHandler.class);
            props.put(MskIamLoginCallbackHandler.CREDENTIALS_CONFIG, key.mskIam().orElseThrow());
        } else if (security.sasl() == SaslMechanism.OAUTHBEARER) {
            props.put(SaslConfigs.SASL_LOGIN_CALLBACK_HANDLER_CLASS, OAUTH_LOGIN_HANDLER);
            props.put(SaslConfigs.SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL, security.oauthTokenEndpointUri().orElseThrow());
        }
        if (security.tlsEnabled()) {
            security.ca().ifPresent(ca -> {
                props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
                props.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, ca.reveal());
            });
            if (security.cert().isPresent()) {
                props.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
                props.put(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG, security.cert().get().reveal());
                props.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG, security.key().orElseThrow().reveal());
                security.keyPassword().ifPresent(p -> props.put(SslConfigs.SSL_KEY_PASSWORD_CONFIG, p.reveal()));
            }
            if (security.unsafeSsl()) {
                // Go's InsecureSkipVerify: no host name check and no chain check. The class, not its name, so
                // that Kafka need not find it through a context class loader.
                props.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, "");
                props.put(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG, UnsafeSslEngineFactory.class);
            }
        }
        return props;
    }

    static String securityProtocol(KafkaSecurityParams security) {
        boolean sasl = security.sasl() != SaslMechanism.NONE;
        if (security.tlsEnabled()) {
            return sasl ? "SASL_SSL" : "SSL";
        }
        return sasl ? "SASL_PLAINTEXT" : "PLAINTEXT";
    }

    /** KEDA (Sarama) sends {@code username} in {@code realm}. */
    static String kerberosPrincipal(KafkaSecurityParams security) {
        return security.username().orElseThrow() + "@" + security.realm().orElseThrow();
    }

    private static String jaasConfig(KafkaSecurityParams security, Optional<Path> keytab) {
        if (security.sasl() == SaslMechanism.GSSAPI) {
            // refreshKrb5Config: the JDK caches krb5.conf; Tide's may have been written after the first login.
            String common = " refreshKrb5Config=true useTicketCache=false" + option("principal",
                    kerberosPrincipal(security));
            return KRB5_LOGIN_MODULE + " required" + keytab
                    .map(path -> " useKeyTab=true storeKey=true" + option("keyTab", path.toString()))
                    .orElse(" useKeyTab=false doNotPrompt=false") + common + ";";
        }
        if (security.mskIam()) {
            return "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;";
        }
        String user = security.username().orElseThrow();
        String password = security.password().map(Secret::reveal).orElseThrow();
        return switch (security.sasl()) {
            case PLAINTEXT -> "org.apache.kafka.common.security.plain.PlainLoginModule required"
                    + option("username", user) + option("password", password) + ";";
            case SCRAM_SHA256, SCRAM_SHA512 -> "org.apache.kafka.common.security.scram.ScramLoginModule required"
                    + option("username", user) + option("password", password) + ";";
            case OAUTHBEARER -> "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required"
                    + option("clientId", user) + option("clientSecret", password)
                    + (security.scopes().isEmpty() ? "" : option("scope", String.join(" ", security.scopes())))
                    // Kafka sends JAAS option extension_<k> as SASL extension <k>: same keys as KEDA sends.
                    + security.oauthExtensions().entrySet().stream()
                            .map(e -> option("extension_" + e.getKey(), e.getValue()))
                            .collect(Collectors.joining())
                    + ";";
            case NONE, GSSAPI -> throw new IllegalStateException("no JAAS config for " + security.sasl());
        };
    }

    private static String option(String name, String value) {
        return " " + name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
