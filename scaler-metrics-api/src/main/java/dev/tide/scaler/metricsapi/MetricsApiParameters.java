package dev.tide.scaler.metricsapi;

import dev.tide.scaler.api.params.Param;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a {@code metrics-api} trigger reads and how it scales, named and sourced as KEDA's {@code metricsAPIScalerMetadata}
 * names them; the credentials are {@link MetricsApiAuth}. The binder reads them; the compact constructor checks what
 * depends on more than one parameter and parses {@code valueLocation} with its format's syntax.
 */
record MetricsApiParameters(
        @Param(description = "URL to GET the metric value from, e.g. http://api:3232/api/v1/stats")
        String url,
        @Param(description = "Where the value is in the response: a GJSON path (keys and array indexes separated by dots, "
                + "e.g. components.worker.tasks; items.# for a length) for json, a dotted path for xml and yaml, "
                + "a metric selector such as queue_size{queue=\"orders\"} for prometheus")
        String valueLocation,
        @Param(defaultValue = "json", description = "Format of the response")
        ResponseFormat format,
        @Param(min = 0, minExclusive = true, description = "Target value per replica (AverageValue) or in total (Value)")
        double targetValue,
        @Param(defaultValue = "0", description = "The trigger is active while the value is above this")
        double activationTargetValue,
        @Param(defaultValue = "false", description = "Skip TLS certificate and host name checks")
        boolean unsafeSsl,
        @Param(description = "How long the request may take: a Go duration (30s, 1m) or milliseconds; the host's "
                + "scaler timeout when absent, and the host's deadline still applies")
        Optional<String> timeout,
        @Param(defaultValue = "false", description = "Read every endpoint of the Kubernetes service in url; "
                + "true is refused: Tide's scalers have no Kubernetes API access")
        boolean aggregateFromKubeServiceEndpoints,
        @Param(defaultValue = "average", description = "How endpoint values would be combined; used only with "
                + "aggregateFromKubeServiceEndpoints")
        AggregationType aggregationType) {

    /** KEDA's {@code AggregationType}. */
    enum AggregationType { AVERAGE, SUM, MAX, MIN }

    MetricsApiParameters {
        List<String> problems = new ArrayList<>();
        if (!isHttpUrl(url)) {
            problems.add("parameter \"url\" value \"" + url + "\" must be an absolute http or https URL");
        }
        try {
            format.locate(valueLocation);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        timeout.ifPresent(text -> {
            try {
                KedaDuration.parse(text);
            } catch (IllegalArgumentException e) {
                problems.add("parameter \"timeout\" value \"" + text + "\": " + e.getMessage());
            }
        });
        if (aggregateFromKubeServiceEndpoints) {
            problems.add("aggregateFromKubeServiceEndpoints is not supported by Tide: a scaler has no Kubernetes API "
                    + "access to list the service's endpoints; point url at something that aggregates them (a Prometheus "
                    + "server, for instance) or at one endpoint");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    URI uri() {
        return URI.create(url);
    }

    ValueLocation location() {
        return format.locate(valueLocation);
    }

    /** The request's own timeout; empty (the host's scaler timeout applies) when absent or zero, as in KEDA. */
    Optional<Duration> requestTimeout() {
        return timeout.map(KedaDuration::parse).filter(duration -> !duration.isZero());
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
