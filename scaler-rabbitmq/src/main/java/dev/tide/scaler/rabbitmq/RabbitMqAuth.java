package dev.tide.scaler.rabbitmq;

import static dev.tide.scaler.api.params.Source.AUTH_PARAMS;
import static dev.tide.scaler.api.params.Source.RESOLVED_ENV;

import dev.tide.scaler.api.Secret;
import dev.tide.scaler.api.params.Param;
import java.util.List;
import java.util.Optional;

/**
 * How a {@code rabbitmq} trigger authenticates, as KEDA's {@code rabbitMQMetadata} and its embedded
 * {@code authentication.OAuth} declare it: user and password (replacing those in {@code host}), TLS material, OAuth 2.0
 * client credentials for the management API, and Azure AD workload identity, which Tide refuses.
 */
record RabbitMqAuth(
        @Param(order = {AUTH_PARAMS, RESOLVED_ENV}, description = "user name; replaces the one in `host`")
        Optional<String> username,

        @Param(order = {AUTH_PARAMS, RESOLVED_ENV}, description = "password of `username`")
        Optional<Secret> password,

        @Param(order = AUTH_PARAMS, defaultValue = "disable", description = "`enable` uses `ca`, `cert`, `key`, "
                + "`keyPassword` and `unsafeSsl` for TLS")
        String tls,

        @Param(order = AUTH_PARAMS, description = "PEM CA certificate the server's must chain to, besides the system's")
        Optional<Secret> ca,

        @Param(order = AUTH_PARAMS, description = "PEM client certificate; with `key`. Without a user and password, "
                + "AMQP then authenticates with SASL EXTERNAL")
        Optional<Secret> cert,

        @Param(order = AUTH_PARAMS, description = "PEM private key of `cert`")
        Optional<Secret> key,

        @Param(order = AUTH_PARAMS, description = "password of an encrypted PKCS#8 `key`")
        Optional<Secret> keyPassword,

        @Param(order = AUTH_PARAMS, description = "Azure AD workload identity resource; Tide refuses it")
        Optional<String> workloadIdentityResource,

        @Param(order = AUTH_PARAMS, description = "OAuth 2.0 token endpoint for client credentials (protocol http only)")
        Optional<String> oauthTokenURI,

        @Param(name = "scopes", aliases = "scope", order = AUTH_PARAMS, optional = true,
                description = "scopes to ask the token endpoint for")
        List<String> scopes,

        @Param(name = "clientID", order = AUTH_PARAMS, description = "OAuth 2.0 client id")
        Optional<String> clientId,

        @Param(name = "clientSecret", order = AUTH_PARAMS, description = "OAuth 2.0 client secret")
        Optional<Secret> clientSecret,

        @Param(order = AUTH_PARAMS, description = "more form parameters for the token endpoint, `a=1&b=2`")
        Optional<String> endpointParams) {

    boolean tlsEnabled() {
        return "enable".equals(tls);
    }

    boolean basic() {
        return username.isPresent() && password.isPresent();
    }

    boolean oauth() {
        return oauthTokenURI.isPresent() && clientId.isPresent() && clientSecret.isPresent();
    }
}
