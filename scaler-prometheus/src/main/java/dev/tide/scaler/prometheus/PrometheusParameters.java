package dev.tide.scaler.prometheus;

import static dev.tide.scaler.api.params.Source.AUTH_PARAMS;
import static dev.tide.scaler.api.params.Source.TRIGGER_METADATA;

import dev.tide.scaler.api.params.Param;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metadata of a {@code prometheus} trigger, named and sourced as KEDA's {@code prometheusMetadata} declares it
 * (its authentication is {@link AuthParameters}). The compact constructor checks what binding alone cannot.
 */
record PrometheusParameters(
        @Param(description = "Prometheus' base URL, e.g. `http://prometheus.monitoring:9090`; the query is sent to "
                + "`<serverAddress>/api/v1/query`")
        String serverAddress,

        @Param(description = "PromQL instant query; its result must be one element, or none")
        String query,

        @Param(description = "target value per replica (AverageValue) or in total (Value)")
        double threshold,

        @Param(defaultValue = "0", description = "the trigger is active while the value is above this")
        double activationThreshold,

        @Param(description = "sent as `&namespace=` (Thanos Querier and other namespaced Prometheus APIs)")
        Optional<String> namespace,

        @Param(optional = true, description = "more query parameters, `key=value` pairs")
        Map<String, String> queryParameters,

        @Param(optional = true, description = "headers sent with every query, `key=value` pairs")
        Map<String, String> customHeaders,

        @Param(defaultValue = "true", description = "an empty result, NaN or an infinity counts as 0; with false it "
                + "is an error")
        boolean ignoreNullValues,

        @Param(defaultValue = "false", description = "do not verify the server's certificate (ignored when "
                + "authModes reads TLS material, as in KEDA)")
        boolean unsafeSsl,

        @Param(description = "how long one query may take: a duration (`5s`) or milliseconds; the host's scaler "
                + "timeout still bounds it")
        Optional<String> timeout,

        @Param(order = {TRIGGER_METADATA, AUTH_PARAMS}, description = "AWS region for Amazon Managed Prometheus "
                + "(SigV4), which Tide does not implement: accepted and unused")
        Optional<String> awsRegion,

        @Param(description = "`operator` signs requests with AWS SigV4 as KEDA's operator; Tide refuses it")
        Optional<String> identityOwner) {

    /** Go's {@code time.RFC3339} in UTC, as KEDA formats the query's {@code time}. */
    private static final DateTimeFormatter RFC3339 =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX").withZone(ZoneOffset.UTC);

    PrometheusParameters {
        List<String> problems = new ArrayList<>();
        boolean httpUrl = parsed(serverAddress).filter(uri -> uri.getHost() != null)
                .filter(uri -> "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                .isPresent();
        if (!httpUrl) {
            problems.add("parameter \"serverAddress\" value \"" + serverAddress + "\" must be an absolute http or https URL");
        } else if (namespace.isPresent() && parsed(serverAddress + "?namespace=" + namespace.get()).isEmpty()) {
            problems.add("parameter \"namespace\" value \"" + namespace.get() + "\" cannot be sent in a URL");
        }
        customHeaders.forEach((name, value) -> QueryRequest.unsendable(name, value)
                .ifPresent(reason -> problems.add("parameter \"customHeaders\" " + reason)));
        try {
            timeout.ifPresent(text -> GoDuration.parse("timeout", text));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /**
     * KEDA's query URL at {@code time}: {@code <serverAddress>/api/v1/query?query=<escaped>&time=<RFC3339>}, then
     * {@code &namespace=} as written and every query parameter escaped, in that order.
     */
    URI queryUri(Instant time) {
        StringBuilder url = new StringBuilder(serverAddress).append("/api/v1/query?query=").append(FormQuery.escape(query))
                .append("&time=").append(RFC3339.format(time));
        namespace.ifPresent(value -> url.append("&namespace=").append(value));
        queryParameters.forEach((key, value) -> url.append('&').append(FormQuery.escape(key)).append('=')
                .append(FormQuery.escape(value)));
        return URI.create(url.toString());
    }

    /** The trigger's own timeout, when it sets one above zero (KEDA: {@code meta.Timeout > 0}). */
    Optional<Duration> requestTimeout() {
        return timeout.map(text -> GoDuration.parse("timeout", text)).filter(duration -> !duration.isZero());
    }

    /** The text as a URI, when it is one. */
    private static Optional<URI> parsed(String text) {
        try {
            return Optional.of(new URI(text));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
