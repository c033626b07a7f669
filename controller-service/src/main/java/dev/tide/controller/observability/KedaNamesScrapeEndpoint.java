package dev.tide.controller.observability;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusOutputFormat;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;

/**
 * Spring Boot's {@code /actuator/prometheus}, with KEDA's two gauges named as KEDA names them:
 * {@code keda_resource_registered_total} and {@code keda_trigger_registered_total}. The Prometheus client refuses a
 * gauge whose name ends in {@code _total}, so they are registered without it and renamed in the text formats here
 * (Prometheus' text format 0.0.4 and OpenMetrics, what Prometheus asks for unless native histograms are on; the
 * protobuf format keeps the registered names).
 */
class KedaNamesScrapeEndpoint extends PrometheusScrapeEndpoint {

    /** Registered name to KEDA's, for a name as a whole word (not a prefix of another series' name). */
    private static final Pattern REGISTERED = Pattern.compile("\\b(keda_(?:resource|trigger)_registered)(?=[ {])");

    KedaNamesScrapeEndpoint(PrometheusRegistry registry, Properties exporterProperties) {
        super(registry, exporterProperties);
    }

    @Override
    @ReadOperation(producesFrom = PrometheusOutputFormat.class)
    public WebEndpointResponse<byte[]> scrape(PrometheusOutputFormat format, @Nullable Set<String> includedNames) {
        Set<String> names = includedNames == null ? null
                : includedNames.stream().map(n -> n.replaceFirst("^(keda_(?:resource|trigger)_registered)_total$", "$1"))
                        .collect(Collectors.toSet());
        WebEndpointResponse<byte[]> response = super.scrape(format, names);
        if (format == PrometheusOutputFormat.CONTENT_TYPE_PROTOBUF || response.getBody() == null) {
            return response;
        }
        String text = new String(response.getBody(), StandardCharsets.UTF_8);
        byte[] renamed = rename(text).getBytes(StandardCharsets.UTF_8);
        return new WebEndpointResponse<>(renamed, response.getStatus(), response.getContentType());
    }

    static String rename(String scrape) {
        return REGISTERED.matcher(scrape).replaceAll("$1_total");
    }
}
