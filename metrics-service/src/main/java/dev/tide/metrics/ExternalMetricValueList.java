package dev.tide.metrics;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * {@code external.metrics.k8s.io/v1beta1 ExternalMetricValueList}, field for field as the HPA decodes it
 * ({@code k8s.io/metrics/pkg/apis/external_metrics/v1beta1}).
 *
 * @param kind always {@code ExternalMetricValueList}
 * @param apiVersion always {@code external.metrics.k8s.io/v1beta1}
 * @param metadata list metadata (empty: the list is not a stored object)
 * @param items one entry per value
 */
@JsonPropertyOrder({"kind", "apiVersion", "metadata", "items"})
record ExternalMetricValueList(String kind, String apiVersion, Map<String, String> metadata, List<Item> items) {

    static final String GROUP = "external.metrics.k8s.io";
    static final String VERSION = "v1beta1";
    static final String GROUP_VERSION = GROUP + "/" + VERSION;

    ExternalMetricValueList {
        items = List.copyOf(items);
    }

    static ExternalMetricValueList of(List<Item> items) {
        return new ExternalMetricValueList("ExternalMetricValueList", GROUP_VERSION, Map.of(), items);
    }

    /**
     * The HPA's view of the controller's answer. An answer without a usable value is an error, never a
     * zero: the HPA then holds the current replica count.
     *
     * @throws MetricReadException.Failure if there is no value, or one without a valid quantity or timestamp
     */
    static ExternalMetricValueList from(ControllerMetric metric, MetricKey key) {
        if (metric.values().isEmpty()) {
            // An empty list makes the HPA fail with a vague message; say what happened instead.
            throw invalid("the controller returned no value for " + key, null);
        }
        return of(metric.values().stream().map(value -> item(value, key)).toList());
    }

    private static Item item(ControllerMetric.Value value, MetricKey key) {
        MilliQuantity quantity;
        try {
            quantity = MilliQuantity.parse(value.value());
        } catch (IllegalArgumentException e) {
            throw invalid("the controller returned an invalid value for " + key + ": " + e.getMessage(), e);
        }
        if (value.timestamp() == null) {
            throw invalid("the controller returned a value without a timestamp for " + key, null);
        }
        String name = value.metricName() == null ? key.metricName() : value.metricName();
        String timestamp = DateTimeFormatter.ISO_INSTANT.format(value.timestamp().truncatedTo(ChronoUnit.SECONDS));
        return new Item(name, Map.of(), timestamp, quantity.toString());
    }

    private static MetricReadException.Failure invalid(String message, Throwable cause) {
        return new MetricReadException.Failure(HttpStatus.INTERNAL_SERVER_ERROR, message, cause);
    }

    /**
     * One {@code ExternalMetricValue}. The optional {@code window} is left out, as KEDA does.
     *
     * @param metricName the HPA's metric name ({@code s<i>-<name>})
     * @param metricLabels labels of the series (Tide sets none)
     * @param timestamp when the source was read, RFC 3339 at second precision like {@code metav1.Time}
     * @param value the value as a quantity in milli units
     */
    @JsonPropertyOrder({"metricName", "metricLabels", "timestamp", "value"})
    record Item(String metricName, Map<String, String> metricLabels, String timestamp, String value) {}
}
