package dev.tide.keda.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Map;

/**
 * One entry of {@code triggers} (KEDA {@code ScaleTriggers}).
 *
 * @param type the scaler, e.g. {@code azure-queue}
 * @param name optional, unique within the ScaledObject; names the trigger in scaling modifier formulas
 * @param metadata the scaler's parameters; {@code <param>FromEnv} names an environment variable of the target
 * @param metricType AverageValue, Value or Utilization; the scaler's default when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScaleTrigger(
        @Required @Size(min = 1) String type,
        String name,
        @Required Map<String, String> metadata,
        AuthenticationRef authenticationRef,
        @JsonPropertyDescription("AverageValue, Value or Utilization (cpu and memory only).") MetricType metricType,
        @JsonPropertyDescription("Serve the HPA the value cached by the scale loop.") Boolean useCachedMetrics) {

    public ScaleTrigger {
        metadata = Copies.map(metadata);
    }

    /**
     * A {@code cpu} or {@code memory} trigger: not polled, it becomes a Resource (or ContainerResource) metric of the
     * HPA, is no variable of a formula, and counts for activity only when every trigger is one (KEDA's
     * {@code cpuMemoryScaler}).
     */
    public boolean cpuOrMemory() {
        return "cpu".equals(type) || "memory".equals(type);
    }

    /** How KEDA spells the HPA metric target types. */
    public enum MetricType {
        AverageValue, Value, Utilization
    }
}
