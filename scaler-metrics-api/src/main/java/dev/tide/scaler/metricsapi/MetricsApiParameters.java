package dev.tide.scaler.metricsapi;

import static dev.tide.scaler.api.params.Source.AUTH_PARAMS;
import static dev.tide.scaler.api.params.Source.TRIGGER_METADATA;

import dev.tide.scaler.api.Secret;
import dev.tide.scaler.api.params.Param;
import dev.tide.scaler.api.params.ParameterValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters of a {@code metrics-api} trigger, named and sourced as KEDA's {@code metricsAPIScalerMetadata}
 * and its {@code authentication.Config} name them. The binder reads them; the compact constructor checks what
 * depends on more than one parameter.
 */
record MetricsApiParameters(
        @Param(description = "URL to GET the metric value from, e.g. http://api:3232/api/v1/stats")
        String url,
        @Param(description = "Where the value is in the JSON response: keys and array indexes separated by dots, "
                + "e.g. components.worker.tasks or items.0.value")
        String valueLocation,
        @Param(min = 0, minExclusive = true, description = "Target value per replica (AverageValue) or in total (Value)")
        double targetValue,
        @Param(defaultValue = "0", description = "The trigger is active while the value is above this")
        double activationTargetValue,
        @Param(defaultValue = "json", description = "Format of the response; this scaler reads json only")
        Format format,
        @Param(defaultValue = "false", description = "Skip TLS certificate and host name checks")
        boolean unsafeSsl,
        @Param(name = "authModes", aliases = "authMode", order = {TRIGGER_METADATA, AUTH_PARAMS}, optional = true,
                description = "How to authenticate: bearer, basic or apiKey (apiKey combines with either)")
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
        Optional<String> keyParamName) {

    /** KEDA's response formats; only json is ported to this example. */
    enum Format { JSON, PROMETHEUS, XML, YAML }

    /** KEDA's auth modes; {@link #supported()} says which this scaler implements. */
    enum AuthMode implements ParameterValue {
        API_KEY("apiKey"), BASIC("basic"), BEARER("bearer"), TLS("tls"), CUSTOM("custom"), OAUTH("oauth");

        private final String spelling;

        AuthMode(String spelling) {
            this.spelling = spelling;
        }

        @Override
        public String parameterValue() {
            return spelling;
        }

        boolean supported() {
            return this == API_KEY || this == BASIC || this == BEARER;
        }
    }

    /** Where apiKey auth puts the key. */
    enum ApiKeyMethod {
        HEADER("X-API-KEY"), QUERY("api_key");

        private final String defaultName;

        ApiKeyMethod(String defaultName) {
            this.defaultName = defaultName;
        }
    }

    MetricsApiParameters {
        List<String> problems = new ArrayList<>();
        if (!isHttpUrl(url)) {
            problems.add("parameter \"url\" value \"" + url + "\" must be an absolute http or https URL");
        }
        try {
            ValueLocation.parse(valueLocation);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (format != Format.JSON) {
            problems.add("format \"" + format.name().toLowerCase(Locale.ROOT) + "\" is not supported by "
                    + "this scaler: it reads json only");
        }
        authModes.stream().filter(mode -> !mode.supported()).forEach(mode -> problems.add("authMode \""
                + mode.parameterValue() + "\" is not supported by this scaler: use bearer, basic or apiKey"));
        if (authModes.contains(AuthMode.BEARER) && authModes.contains(AuthMode.BASIC)) {
            problems.add("authModes bearer and basic cannot be combined: both set the Authorization header");
        }
        // KEDA's authentication.Config.Validate, in its words.
        if (authModes.contains(AuthMode.BEARER) && bearerToken.isEmpty()) {
            problems.add("bearer token is required when bearer auth is enabled");
        }
        if (authModes.contains(AuthMode.BASIC) && username.isEmpty()) {
            problems.add("username is required when basic auth is enabled");
        }
        if (authModes.contains(AuthMode.API_KEY) && apiKey.isEmpty()) {
            problems.add("apiKey is required when apiKey auth is enabled");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        authModes = Set.copyOf(authModes);
    }

    URI uri() {
        return URI.create(url);
    }

    ValueLocation location() {
        return ValueLocation.parse(valueLocation);
    }

    boolean uses(AuthMode mode) {
        return authModes.contains(mode);
    }

    /** The header or query parameter apiKey auth uses. */
    String apiKeyName() {
        return keyParamName.orElse(method.defaultName);
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
