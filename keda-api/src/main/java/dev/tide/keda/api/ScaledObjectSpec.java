package dev.tide.keda.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * {@code ScaledObjectSpec} (KEDA {@code scaledobject_types.go}). Numbers are boxed: absent means KEDA's default,
 * which the accessors ending in {@code OrDefault} apply.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.minReplicaCount) || self.minReplicaCount <= (has(self.maxReplicaCount) ? self.maxReplicaCount : 100)",
        message = "minReplicaCount must be less than or equal to maxReplicaCount")
public record ScaledObjectSpec(
        @Required @JsonPropertyDescription("The workload to scale; it must expose the /scale subresource.")
        ScaleTarget scaleTargetRef,
        @Min(1) @JsonPropertyDescription("Seconds between two checks of the triggers; default 30.")
        Integer pollingInterval,
        @Min(0) @JsonPropertyDescription("Seconds after creation before the first scale-in to zero; default 0.")
        Integer initialCooldownPeriod,
        @Min(0) @JsonPropertyDescription("Seconds after the last active trigger before scaling to zero; default 300.")
        Integer cooldownPeriod,
        @Min(0) @JsonPropertyDescription("Replicas while no trigger is active, instead of 0; below minReplicaCount.")
        Integer idleReplicaCount,
        @Min(0) @JsonPropertyDescription("Lowest replica count; default 0.")
        Integer minReplicaCount,
        @Min(1) @JsonPropertyDescription("Highest replica count; default 100.")
        Integer maxReplicaCount,
        @JsonPropertyDescription("HPA settings, scaling modifiers and what happens on deletion.")
        Advanced advanced,
        @Required @Size(min = 1) @JsonPropertyDescription("The event sources to scale on.")
        List<ScaleTrigger> triggers,
        @JsonPropertyDescription("Replicas to serve when a trigger keeps failing.")
        Fallback fallback) {

    public static final int DEFAULT_POLLING_INTERVAL = 30;
    public static final int DEFAULT_COOLDOWN_PERIOD = 300;
    public static final int DEFAULT_MIN_REPLICA_COUNT = 0;
    public static final int DEFAULT_MAX_REPLICA_COUNT = 100;

    public ScaledObjectSpec {
        triggers = Copies.list(triggers);
    }

    public int minReplicaCountOrDefault() {
        return minReplicaCount == null ? DEFAULT_MIN_REPLICA_COUNT : minReplicaCount;
    }

    public int maxReplicaCountOrDefault() {
        return maxReplicaCount == null ? DEFAULT_MAX_REPLICA_COUNT : maxReplicaCount;
    }

    public int pollingIntervalOrDefault() {
        return pollingInterval == null ? DEFAULT_POLLING_INTERVAL : pollingInterval;
    }

    public int cooldownPeriodOrDefault() {
        return cooldownPeriod == null ? DEFAULT_COOLDOWN_PERIOD : cooldownPeriod;
    }

    /** KEDA's {@code GetHPAMinReplicas}: the HPA never gets 0; an explicit 0 counts as 1. */
    public int hpaMinReplicas() {
        return minReplicaCount != null && minReplicaCount > 0 ? minReplicaCount : 1;
    }

    public boolean restoreToOriginalReplicaCount() {
        return advanced != null && Boolean.TRUE.equals(advanced.restoreToOriginalReplicaCount());
    }

    /** KEDA's {@code IsUsingModifiers}: any field of {@code advanced.scalingModifiers} set counts. */
    public boolean usesScalingModifiers() {
        Advanced.ScalingModifiers modifiers = advanced == null ? null : advanced.scalingModifiers();
        return modifiers != null && (notEmpty(modifiers.formula()) || notEmpty(modifiers.target())
                || notEmpty(modifiers.activationTarget()) || modifiers.metricType() != null);
    }

    private static boolean notEmpty(String value) {
        return value != null && !value.isEmpty();
    }
}
