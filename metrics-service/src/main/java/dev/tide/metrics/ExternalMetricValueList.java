package dev.tide.metrics;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

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
