package dev.tide.scaler.prometheus;

import static dev.tide.scaler.api.params.Source.AUTH_PARAMS;
import static dev.tide.scaler.api.params.Source.TRIGGER_METADATA;

import dev.tide.scaler.api.Secret;
import dev.tide.scaler.api.params.Param;
import dev.tide.scaler.api.params.ParameterValue;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a trigger authenticates, as KEDA's shared {@code authentication.Config} declares it: one component per field,
 * with its names, sources and checks ({@code Validate}, in its words). Unlike KEDA, every problem is reported at once.
 */
record AuthParameters(
        @Param(name = "authModes", aliases = "authMode", order = {TRIGGER_METADATA, AUTH_PARAMS}, optional = true,
                description = "how to authenticate; at most one of bearer, basic and oauth")
        Set<AuthMode> authModes,

        @Param(name = "bearerToken", aliases = "token", order = AUTH_PARAMS, description = "token for bearer auth")
        Optional<Secret> bearerToken,

        @Param(order = AUTH_PARAMS, description = "user name for basic auth")
        Optional<String> username,

        @Param(order = AUTH_PARAMS, description = "password for basic auth; may be empty")
        Optional<Secret> password,

        @Param(order = AUTH_PARAMS, description = "PEM client certificate for tls auth")
        Optional<Secret> cert,

        @Param(order = AUTH_PARAMS, description = "PEM private key of `cert`, PKCS#8 or PKCS#1 RSA")
        Optional<Secret> key,

        @Param(order = AUTH_PARAMS, description = "PEM CA certificate the server's certificate must chain to, "
                + "besides the system's (read when authModes is set)")
        Optional<Secret> ca,

        @Param(order = AUTH_PARAMS, description = "header name for custom auth")
        Optional<String> customAuthHeader,

        @Param(order = AUTH_PARAMS, description = "header value for custom auth")
        Optional<Secret> customAuthValue,

        @Param(order = AUTH_PARAMS, description = "token endpoint for oauth (OAuth 2.0 client credentials)")
        Optional<String> oauthTokenURI,

        @Param(name = "scopes", aliases = "scope", order = AUTH_PARAMS, optional = true,
                description = "scopes to ask the token endpoint for")
        List<String> scopes,

        @Param(name = "clientID", order = AUTH_PARAMS, description = "client id for oauth")
        Optional<String> clientId,

        @Param(name = "clientSecret", order = AUTH_PARAMS, description = "client secret for oauth")
        Optional<Secret> clientSecret,

        @Param(order = AUTH_PARAMS, description = "more form parameters for the token request, as a query string "
                + "(`audience=prometheus&resource=x`)")
        Optional<String> endpointParams,

        @Param(order = {TRIGGER_METADATA, AUTH_PARAMS}, description = "key for apiKey auth")
        Optional<Secret> apiKey,

        @Param(order = {TRIGGER_METADATA, AUTH_PARAMS}, defaultValue = "header",
                description = "where apiKey auth sends the key")
        ApiKeyMethod method,

        @Param(order = {TRIGGER_METADATA, AUTH_PARAMS},
                description = "header or query parameter of the key; `X-API-KEY` for header, `api_key` for query")
        Optional<String> keyParamName) {

    /** KEDA's {@code authentication.Type} values. */
    enum AuthMode implements ParameterValue {
        API_KEY("apiKey"), BASIC("basic"), TLS("tls"), BEARER("bearer"), CUSTOM("custom"), OAUTH("oauth");

        private final String spelling;

        AuthMode(String spelling) {
            this.spelling = spelling;
        }

        @Override
        public String parameterValue() {
            return spelling;
        }
    }

    /** Where apiKey auth puts the key, and the name it uses when {@code keyParamName} is not set. */
    enum ApiKeyMethod {
        HEADER("X-API-KEY"), QUERY("api_key");

        private final String defaultName;

        ApiKeyMethod(String defaultName) {
            this.defaultName = defaultName;
        }
    }

    /** KEDA's {@code exclusiveSet=bearer;basic;oauth}: each sets the Authorization header. */
    private static final Set<AuthMode> EXCLUSIVE = EnumSet.of(AuthMode.BEARER, AuthMode.BASIC, AuthMode.OAUTH);

    AuthParameters {
        List<String> problems = new ArrayList<>();
        if (authModes.stream().filter(EXCLUSIVE::contains).count() > 1) {
            problems.add("parameter \"authModes\" value \"" + authModes.stream().map(AuthMode::parameterValue)
                    .collect(Collectors.joining(",")) + "\" must contain only one of [bearer basic oauth]");
        }
        if (authModes.contains(AuthMode.BEARER) && bearerToken.isEmpty()) {
            problems.add("bearer token=<empty> is required when bearer auth is enabled");
        }
        if (authModes.contains(AuthMode.BASIC) && username.isEmpty()) {
            problems.add("username=<empty> is required when basic auth is enabled");
        }
        if (authModes.contains(AuthMode.TLS) && (cert.isEmpty() || key.isEmpty())) {
            problems.add("cert=" + shown(cert) + " and key=" + shown(key) + " are required when tls auth is enabled");
        }
        if (authModes.contains(AuthMode.OAUTH) && (oauthTokenURI.isEmpty() || clientId.isEmpty())) {
            problems.add("oauthTokenURI=" + shown(oauthTokenURI) + " and clientID=" + shown(clientId)
                    + " are required when oauth is enabled");
        }
        if (authModes.contains(AuthMode.CUSTOM) && (customAuthHeader.isEmpty() || customAuthValue.isEmpty())) {
            problems.add("customAuthHeader=" + shown(customAuthHeader) + " and customAuthValue=" + shown(customAuthValue)
                    + " are required when custom auth is enabled");
        }
        if (authModes.contains(AuthMode.API_KEY) && apiKey.isEmpty()) {
            problems.add("apiKey is required when apiKey auth is enabled");
        }
        if (authModes.contains(AuthMode.CUSTOM) && customAuthHeader.isPresent() && customAuthValue.isPresent()) {
            QueryRequest.unsendable(customAuthHeader.get(), customAuthValue.get().reveal())
                    .ifPresent(reason -> problems.add("parameter \"customAuthHeader\" " + reason));
        }
        if (authModes.contains(AuthMode.API_KEY) && apiKey.isPresent() && method == ApiKeyMethod.HEADER) {
            QueryRequest.unsendable(keyParamName.orElse(method.defaultName), apiKey.get().reveal())
                    .ifPresent(reason -> problems.add("parameter \"keyParamName\" " + reason));
        }
        if (endpointParams.isPresent()) {
            try {
                if (FormQuery.parse(endpointParams.get()).containsKey("scope") && !scopes.isEmpty()) {
                    problems.add("oauth2: cannot overwrite parameter \"scope\"");
                }
            } catch (IllegalArgumentException e) {
                problems.add("parameter \"endpointParams\" " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        authModes = authModes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(authModes));
        scopes = scopes.stream().map(String::trim).filter(scope -> !scope.isEmpty()).toList();
    }

    /** KEDA's {@code Disabled()}: no mode set, so no credential is sent and no TLS material is read. */
    boolean disabled() {
        return authModes.isEmpty();
    }

    boolean enabled(AuthMode mode) {
        return authModes.contains(mode);
    }

    /** The header or query parameter apiKey auth uses. */
    String apiKeyName() {
        return keyParamName.orElse(method.defaultName);
    }

    /** KEDA's {@code empty()}: whether a value is there, never the value. */
    private static String shown(Optional<?> value) {
        return value.isPresent() ? "<present>" : "<empty>";
    }
}
