package dev.tide.scaler.cpumemory;

import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import java.util.Optional;

/**
 * What a {@code cpu} or {@code memory} trigger asks of the HPA, checked as KEDA's {@code parseResourceMetadata} checks
 * it: {@code Utilization} takes a whole percentage (Go's {@code ParseInt(value, 10, 32)}), {@code AverageValue} a
 * Kubernetes quantity; any other metric type, or none, is refused.
 */
final class ResourceTarget {

    private ResourceTarget() {
    }

    /** What is wrong with the value for this metric type, in KEDA's words; empty when it is fine. */
    static Optional<String> problem(Optional<MetricTargetType> metricType, String value) {
        MetricTargetType type = metricType.orElse(null);
        if (type == MetricTargetType.UTILIZATION) {
            return utilization(value);
        }
        if (type == MetricTargetType.AVERAGE_VALUE) {
            return quantity(value);
        }
        return Optional.of("unknown metric type: " + (type == null ? "" : type.kubernetesName())
                + ", allowed values are 'Utilization' or 'AverageValue'");
    }

    private static Optional<String> utilization(String value) {
        try {
            Integer.parseInt(value);
            return Optional.empty();
        } catch (NumberFormatException e) {
            boolean digits = value.matches("[+-]?\\d+");
            return Optional.of("strconv.ParseInt: parsing \"" + value + "\": " + (digits ? "value out of range" : "invalid syntax"));
        }
    }

    /** KEDA's {@code resource.MustParse} panics on a bad quantity; Tide refuses it with the parser's message instead. */
    private static Optional<String> quantity(String value) {
        try {
            MilliValue.parseQuantity(value);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$', got \""
                    + value + "\"");
        }
    }
}
