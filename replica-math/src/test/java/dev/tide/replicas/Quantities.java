package dev.tide.replicas;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import java.util.Arrays;
import java.util.List;

/** Table cells in Kubernetes quantity notation ({@code 20}, {@code 2500m}) and metric types as the HPA spells them. */
final class Quantities {

    private Quantities() {
    }

    /** Space-separated quantities; an empty cell is no value at all. */
    static List<MilliValue> quantities(String cell) {
        if (cell == null || cell.isBlank()) {
            return List.of();
        }
        return Arrays.stream(cell.trim().split("\\s+")).map(MilliValue::parse).toList();
    }

    static MetricTargetType targetType(String kubernetesName) {
        return Arrays.stream(MetricTargetType.values())
                .filter(type -> type.kubernetesName().equals(kubernetesName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no target type " + kubernetesName));
    }

    static MetricSpec spec(String metricName, String targetType, String target) {
        return new MetricSpec(metricName, targetType(targetType), MilliValue.parse(target));
    }
}
