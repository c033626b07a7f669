package dev.tide.keda.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;

/**
 * {@code advanced} (KEDA {@code AdvancedConfig}).
 *
 * @param restoreToOriginalReplicaCount on deletion, put the target back to {@code status.originalReplicaCount}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Advanced(
        HorizontalPodAutoscalerConfig horizontalPodAutoscalerConfig,
        Boolean restoreToOriginalReplicaCount,
        ScalingModifiers scalingModifiers) {

    /**
     * {@code advanced.horizontalPodAutoscalerConfig}.
     *
     * @param name the HPA's name instead of {@code keda-hpa-<name>}
     * @param behavior copied verbatim into the HPA
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HorizontalPodAutoscalerConfig(
            @Size(max = 63) @JsonPropertyDescription("Name of the HPA; defaults to keda-hpa-<ScaledObject name>.") String name,
            HorizontalPodAutoscalerBehavior behavior) {
    }

    /**
     * {@code advanced.scalingModifiers}: one composite metric computed from named triggers.
     *
     * @param target the composite metric's target, a float written as a string
     * @param activationTarget active when the composite value exceeds it; "0" by default
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ScalingModifiers(String formula, String target, String activationTarget, ScaleTrigger.MetricType metricType) {
    }
}
