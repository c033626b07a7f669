package dev.tide.scaler.kafka;

import static dev.tide.scaler.api.params.Source.AUTH_PARAMS;
import static dev.tide.scaler.api.params.Source.TRIGGER_METADATA;

import dev.tide.scaler.api.Secret;
import dev.tide.scaler.api.params.Param;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a trigger connects to its cluster (KEDA {@code parseKafkaAuthParams}). Together with the bootstrap servers
 * this record is the key of the shared client: triggers with equal settings share one AdminClient. TLS material is
 * kept only when {@code tls: enable}, so that irrelevant leftovers do not split the pool.
 */
record KafkaSecurityParams(
        @Param(order = {TRIGGER_METADATA, AUTH_PARAMS}, defaultValue = "none",
                description = "SASL mechanism; gssapi is not supported")
        SaslMechanism sasl,

        @Param(order = AUTH_PARAMS, description = "SASL user (plaintext, scram) or OAuth client id (oauthbearer)")
        Optional<String> username,

        @Param(order = AUTH_PARAMS, description = "SASL password or OAuth client secret")
        Optional<Secret> password,

        @Param(order = {TRIGGER_METADATA, AUTH_PARAMS}, defaultValue = "bearer",
                description = "Token provider for oauthbearer; aws_msk_iam is not supported")
        TokenProvider saslTokenProvider,

        @Param(order = AUTH_PARAMS, description = "OAuth token endpoint, required for oauthbearer")
        Optional<String> oauthTokenEndpointUri,

        @Param(order = AUTH_PARAMS, optional = true, description = "OAuth scopes")
        List<String> scopes,

        @Param(order = AUTH_PARAMS, optional = true,
                description = "OAuth SASL extensions")
        Map<String, String> oauthExtensions,

        @Param(order = {TRIGGER_METADATA, AUTH_PARAMS}, defaultValue = "disable", description = "Use TLS")
        TlsMode tls,

        @Param(order = AUTH_PARAMS, description = "PEM CA certificate(s) to trust; the JDK's trust store when absent")
        Optional<Secret> ca,

        @Param(order = AUTH_PARAMS, description = "PEM client certificate chain for mutual TLS; needs key")
        Optional<Secret> cert,

        @Param(order = AUTH_PARAMS, description = "PEM (PKCS#8) client private key; needs cert")
        Optional<Secret> key,

        @Param(order = AUTH_PARAMS, description = "Password of an encrypted PKCS#8 key; on Java 17 the key must use"
                + " a PBES1 scheme such as PBE-SHA1-3DES (PBES2/AES keys cannot be read)")
        Optional<Secret> keyPassword,

        @Param(defaultValue = "false",
                description = "Accept any broker certificate: no CA and no host name check")
        boolean unsafeSsl) {

    KafkaSecurityParams {
        scopes = List.copyOf(scopes);
        oauthExtensions = Map.copyOf(oauthExtensions);
        List<String> problems = new ArrayList<>();
        if (sasl == SaslMechanism.GSSAPI) {
            problems.add("sasl gssapi (Kerberos) is not supported by Tide; use scram_sha512, oauthbearer or TLS"
                    + " client certificates");
        }
        if (sasl.needsUserAndPassword()) {
            if (username.isEmpty()) {
                problems.add("no username given");
            }
            if (password.isEmpty()) {
                problems.add("no password given");
            }
        }
        if (sasl == SaslMechanism.OAUTHBEARER) {
            if (saslTokenProvider == TokenProvider.AWS_MSK_IAM) {
                problems.add("saslTokenProvider aws_msk_iam is not supported by Tide; use bearer");
            } else if (oauthTokenEndpointUri.isEmpty()) {
                problems.add("no oauth token endpoint uri given");
            }
        }
        // Settings a mechanism does not use are dropped, so that leftovers do not split the shared-client pool.
        if (!sasl.needsUserAndPassword()) {
            username = Optional.empty();
            password = Optional.empty();
        }
        if (sasl != SaslMechanism.OAUTHBEARER) {
            saslTokenProvider = TokenProvider.BEARER;
            oauthTokenEndpointUri = Optional.empty();
            scopes = List.of();
            oauthExtensions = Map.of();
        }
        if (tls == TlsMode.ENABLE) {
            if (cert.isPresent() && key.isEmpty()) {
                problems.add("key must be provided with cert");
            }
            if (key.isPresent() && cert.isEmpty()) {
                problems.add("cert must be provided with key");
            }
        } else {
            ca = Optional.empty();
            cert = Optional.empty();
            key = Optional.empty();
            keyPassword = Optional.empty();
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    boolean tlsEnabled() {
        return tls == TlsMode.ENABLE;
    }
}
