package dev.tide.scaler.cpumemory;

import dev.tide.scaler.api.params.Param;
import java.util.Optional;

/**
 * The parameters of a {@code cpu} or {@code memory} trigger, as KEDA's {@code cpuMemoryMetadata} declares them. The
 * target type is the trigger's {@code metricType}, not a parameter ({@link ResourceTarget}).
 */
record ResourceParameters(
        @Param(description = "removed in KEDA 2.18: set the trigger's `metricType` instead; setting it is an error, as in KEDA")
        Optional<String> type,

        @Param(description = "the target: a whole percentage with metricType `Utilization`, a quantity such as `512Mi` or `250m` with `AverageValue`")
        String value,

        @Param(description = "the container whose usage counts (a `ContainerResource` metric); every container of the pod when absent")
        Optional<String> containerName) {

    ResourceParameters {
        if (type.isPresent()) {
            // KEDA's typed config refuses a present deprecated parameter outright; this is its text for `type`.
            throw new IllegalArgumentException(
                    "The 'type' setting is DEPRECATED and is removed in v2.18 - Use 'metricType' instead.");
        }
    }
}
