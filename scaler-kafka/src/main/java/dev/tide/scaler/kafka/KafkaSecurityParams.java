package dev.tide.scaler.kafka;

import static dev.tide.scaler.api.params.Source.AUTH_PARAMS;
import static dev.tide.scaler.api.params.Source.RESOLVED_ENV;
import static dev.tide.scaler.api.params.Source.TRIGGER_METADATA;

import dev.tide.scaler.api.Secret;
import dev.tide.scaler.api.params.Param;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a trigger connects to its cluster (KEDA {@code parseKafkaAuthParams}, {@code parseOAuthParams},
 * {@code parseGSSAPIParams}). Together with the bootstrap servers this record is the key of the shared client:
 * triggers with equal settings share one AdminClient. Settings the chosen mechanism does not use are dropped, so
 * that irrelevant leftovers do not split the pool. Which AWS credentials an {@code aws_msk_iam} trigger uses also
 * depends on the TriggerAuthentication's pod identity: {@link MskIamCredentials} decides that.
 */
record KafkaSecurityParams(
        @Param(order = {TRIGGER_METADATA, AUTH_PARAMS}, defaultValue = "none", description = "SASL mechanism")
        SaslMechanism sasl,

        @Param(order = AUTH_PARAMS,
                description = "SASL user (plaintext, scram), Kerberos user (gssapi) or OAuth client id (oauthbearer)")
        Optional<String> username,

        @Param(order = AUTH_PARAMS, description = "SASL password, Kerberos password (gssapi; or give keytab)"
                + " or OAuth client secret")
        Optional<Secret> password,

        @Param(order = {TRIGGER_METADATA, AUTH_PARAMS}, defaultValue = "bearer",
                description = "Token provider for oauthbearer: an OAuth token endpoint, or AWS MSK IAM")
        TokenProvider saslTokenProvider,

        @Param(order = AUTH_PARAMS, description = "OAuth token endpoint, required for oauthbearer with bearer")
        Optional<String> oauthTokenEndpointUri,

        @Param(order = AUTH_PARAMS, optional = true, description = "OAuth scopes")
        List<String> scopes,

        @Param(order = AUTH_PARAMS, optional = true, description = "OAuth SASL extensions")
        Map<String, String> oauthExtensions,

        @Param(order = AUTH_PARAMS, description = "gssapi: the Kerberos keytab, its content (binary, or base64 of"
                + " it); either password or keytab")
        Optional<Secret> keytab,

        @Param(order = AUTH_PARAMS, description = "gssapi: the Kerberos realm, required")
        Optional<String> realm,

        @Param(order = AUTH_PARAMS, description = "gssapi: the krb5.conf content, required")
        Optional<String> kerberosConfig,

        @Param(order = AUTH_PARAMS, description = "gssapi: the broker's Kerberos service name; kafka when absent")
        Optional<String> kerberosServiceName,

        @Param(order = AUTH_PARAMS, defaultValue = "false",
                description = "gssapi: do not use Kerberos FAST (the JDK's Kerberos never uses it)")
        boolean kerberosDisableFAST,

        @Param(description = "aws_msk_iam: the cluster's AWS region, required")
        Optional<String> awsRegion,

        @Param(order = {AUTH_PARAMS, TRIGGER_METADATA, RESOLVED_ENV}, aliases = "awsAccessKeyId",
                description = "aws_msk_iam: static access key id")
        Optional<Secret> awsAccessKeyID,

        @Param(order = {AUTH_PARAMS, RESOLVED_ENV}, description = "aws_msk_iam: static secret access key")
        Optional<Secret> awsSecretAccessKey,

        @Param(order = AUTH_PARAMS, description = "aws_msk_iam: session token of temporary static credentials")
        Optional<Secret> awsSessionToken,

        @Param(order = AUTH_PARAMS, description = "aws_msk_iam: IAM role to assume with the default credentials")
        Optional<String> awsRoleArn,

        @Param(description = "aws_msk_iam: pod (default) needs keys or a role; operator uses Tide's own AWS"
                + " credentials (the default chain)")
        Optional<String> identityOwner,

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
        if (needsUserAndPassword(sasl, saslTokenProvider)) {
            if (username.isEmpty()) {
                problems.add("no username given");
            }
            if (password.isEmpty()) {
                problems.add("no password given");
            }
        }
        if (isMskIam(sasl, saslTokenProvider)) {
            if (tls != TlsMode.ENABLE) {
                problems.add("TLS is required for AWS MSK authentication");
            }
            if (awsRegion.isEmpty()) {
                problems.add("no awsRegion given");
            }
        } else if (sasl == SaslMechanism.OAUTHBEARER && oauthTokenEndpointUri.isEmpty()) {
            problems.add("no oauth token endpoint uri given");
        }
        if (sasl == SaslMechanism.GSSAPI) {
            if (username.isEmpty()) {
                problems.add("no username given");
            }
            if (password.isPresent() == keytab.isPresent()) {
                problems.add("exactly one of 'password' or 'keytab' must be provided for GSSAPI authentication");
            }
            if (realm.isEmpty()) {
                problems.add("no realm given");
            }
            if (kerberosConfig.isEmpty()) {
                problems.add("no Kerberos configuration file (kerberosConfig) given");
            }
        }
        if (tls == TlsMode.ENABLE) {
            if (cert.isPresent() && key.isEmpty()) {
                problems.add("key must be provided with cert");
            }
            if (key.isPresent() && cert.isEmpty()) {
                problems.add("cert must be provided with key");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        // Settings a mechanism does not use are dropped, so that leftovers do not split the shared-client pool.
        if (!needsUserAndPassword(sasl, saslTokenProvider) && sasl != SaslMechanism.GSSAPI) {
            username = Optional.empty();
            password = Optional.empty();
        }
        if (sasl != SaslMechanism.OAUTHBEARER) {
            saslTokenProvider = TokenProvider.BEARER;
        }
        if (sasl != SaslMechanism.OAUTHBEARER || saslTokenProvider != TokenProvider.BEARER) {
            oauthTokenEndpointUri = Optional.empty();
            scopes = List.of();
            oauthExtensions = Map.of();
        }
        if (sasl != SaslMechanism.GSSAPI) {
            keytab = Optional.empty();
            realm = Optional.empty();
            kerberosConfig = Optional.empty();
            kerberosServiceName = Optional.empty();
            kerberosDisableFAST = false;
        }
        if (!isMskIam(sasl, saslTokenProvider)) {
            awsRegion = Optional.empty();
            awsAccessKeyID = Optional.empty();
            awsSecretAccessKey = Optional.empty();
            awsSessionToken = Optional.empty();
            awsRoleArn = Optional.empty();
            identityOwner = Optional.empty();
        }
        if (tls != TlsMode.ENABLE) {
            ca = Optional.empty();
            cert = Optional.empty();
            key = Optional.empty();
            keyPassword = Optional.empty();
        }
    }

    private static boolean needsUserAndPassword(SaslMechanism sasl, TokenProvider provider) {
        return sasl == SaslMechanism.PLAINTEXT || sasl == SaslMechanism.SCRAM_SHA256
                || sasl == SaslMechanism.SCRAM_SHA512
                || (sasl == SaslMechanism.OAUTHBEARER && provider == TokenProvider.BEARER);
    }

    private static boolean isMskIam(SaslMechanism sasl, TokenProvider provider) {
        return sasl == SaslMechanism.OAUTHBEARER && provider == TokenProvider.AWS_MSK_IAM;
    }

    boolean tlsEnabled() {
        return tls == TlsMode.ENABLE;
    }

    boolean mskIam() {
        return isMskIam(sasl, saslTokenProvider);
    }
}
