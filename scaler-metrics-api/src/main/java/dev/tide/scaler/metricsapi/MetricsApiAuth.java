package dev.tide.scaler.metricsapi;

import static dev.tide.scaler.api.params.Source.AUTH_PARAMS;
import static dev.tide.scaler.api.params.Source.TRIGGER_METADATA;

import dev.tide.scaler.api.Secret;
import dev.tide.scaler.api.params.Param;
import dev.tide.scaler.api.params.ParameterValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a {@code metrics-api} trigger authenticates: KEDA's {@code authentication.Config}, the parameters and the
 * rules of its {@code Validate}, in its words. The credentials come from the TriggerAuthentication; {@code authModes},
 * {@code apiKey}, {@code method} and {@code keyParamName} may also be trigger metadata.
 */
record MetricsApiAuth(
        @Param(name = "authModes", aliases = "authMode", order = {TRIGGER_METADATA, AUTH_PARAMS}, optional = true,
                description = "How to authenticate: apiKey, basic, bearer, tls, or several separated by commas "
                        + "(at most one of basic and bearer); custom and oauth are refused, as KEDA's metrics-api scaler "
                        + "parses them and sends nothing")
        Set<AuthMode> authModes,
        @Param(name = "bearerToken", aliases = "token", order = AUTH_PARAMS, description = "Token for bearer auth")
        Optional<Secret> bearerToken,
        @Param(order = AUTH_PARAMS, description = "User name for basic auth")
        Optional<String> username,
        @Param(order = AUTH_PARAMS, description = "Password for basic auth; may be empty")
        Optional<Secret> password,
        @Param(order = {TRIGGER_METADATA, AUTH_PARAMS}, description = "Key for apiKey auth")
        Optional<Secret> apiKey,
        @Param(order = {TRIGGER_METADATA, AUTH_PARAMS}, defaultValue = "header",
                description = "Where apiKey auth sends the key: header or query")
        ApiKeyMethod method,
        @Param(order = {TRIGGER_METADATA, AUTH_PARAMS},
                description = "Header or query parameter for the key; X-API-KEY for header, api_key for query")
        Optional<String> keyParamName,
        @Param(order = AUTH_PARAMS, description = "PEM client certificate for tls auth")
        Optional<Secret> cert,
        @Param(order = AUTH_PARAMS, description = "PEM private key of cert (PKCS#8, or PKCS#1 RSA) for tls auth")
        Optional<Secret> key,
        @Param(order = AUTH_PARAMS, description = "PEM CA certificates to trust besides the system's, for tls auth")
        Optional<Secret> ca) {

    /** KEDA's {@code authentication.Type}s; {@link #usedByMetricsApi()} says which this scaler sends. */
    enum AuthMode implements ParameterValue {
        API_KEY("apiKey"), BASIC("basic"), TLS("tls"), BEARER("bearer"), CUSTOM("custom"), OAUTH("oauth");

        /** KEDA's {@code exclusiveSet=bearer;basic;oauth}: each sets the Authorization header. */
        private static final Set<AuthMode> EXCLUSIVE = Set.of(BEARER, BASIC, OAUTH);

        private final String spelling;

        AuthMode(String spelling) {
            this.spelling = spelling;
        }

        @Override
        public String parameterValue() {
            return spelling;
        }

        /** KEDA's metrics-api scaler parses custom and oauth, then never sends them. */
        boolean usedByMetricsApi() {
            return this != CUSTOM && this != OAUTH;
        }
    }

    /** Where apiKey auth puts the key, and the name it uses unless {@code keyParamName} is given. */
    enum ApiKeyMethod {
        HEADER("X-API-KEY"), QUERY("api_key");

        private final String defaultName;

        ApiKeyMethod(String defaultName) {
            this.defaultName = defaultName;
        }
    }

    MetricsApiAuth {
        List<String> problems = new ArrayList<>();
        if (authModes.stream().filter(AuthMode.EXCLUSIVE::contains).count() > 1) {
            problems.add("parameter \"authModes\" value \"" + spelled(authModes) + "\" must contain only one of "
                    + "[bearer, basic, oauth]");
        }
        authModes.stream().filter(mode -> !mode.usedByMetricsApi()).forEach(mode -> problems.add("authMode \""
                + mode.parameterValue() + "\" is not supported by the metrics-api scaler: KEDA accepts it and then "
                + "sends no credentials; for a header of your own use authMode apiKey with keyParamName"));
        if (authModes.contains(AuthMode.BEARER) && bearerToken.isEmpty()) {
            problems.add("bearer token=<empty> is required when bearer auth is enabled");
        }
        if (authModes.contains(AuthMode.BASIC) && username.isEmpty()) {
            problems.add("username=<empty> is required when basic auth is enabled");
        }
        if (authModes.contains(AuthMode.TLS) && (cert.isEmpty() || key.isEmpty())) {
            problems.add("cert=" + presence(cert) + " and key=" + presence(key) + " are required when tls auth is enabled");
        }
        if (authModes.contains(AuthMode.API_KEY) && apiKey.isEmpty()) {
            problems.add("apiKey is required when apiKey auth is enabled");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        authModes = Set.copyOf(authModes);
    }

    boolean uses(AuthMode mode) {
        return authModes.contains(mode);
    }

    /** The header or query parameter apiKey auth uses. */
    String apiKeyName() {
        return keyParamName.orElse(method.defaultName);
    }

    /** The client identity and extra authorities of tls auth; empty without it. */
    Optional<TlsIdentity> tls() {
        return uses(AuthMode.TLS) ? Optional.of(new TlsIdentity(cert.orElseThrow(), key.orElseThrow(), ca)) : Optional.empty();
    }

    /**
     * The TLS material of tls auth. Secrets, so it prints nothing; part of the HTTP client's key.
     *
     * @param cert the client certificate
     * @param key its private key
     * @param ca authorities trusted besides the system's
     */
    record TlsIdentity(Secret cert, Secret key, Optional<Secret> ca) {
    }

    private static String spelled(Set<AuthMode> modes) {
        return modes.stream().map(AuthMode::parameterValue).collect(Collectors.joining(","));
    }

    private static String presence(Optional<Secret> value) {
        return value.isPresent() ? "<present>" : "<empty>";
    }
}
