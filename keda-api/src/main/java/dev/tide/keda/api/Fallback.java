package dev.tide.keda.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/**
 * {@code fallback}: replicas to serve after {@code failureThreshold} consecutive metric failures.
 *
 * @param behavior how {@code replicas} combines with the current count; {@code static} by default
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Fallback(
        @Required @Min(0) Integer failureThreshold,
        @Required @Min(0) Integer replicas,
        @Default("static") Behavior behavior) {

    /** KEDA's {@code FallbackBehavior} values. */
    public enum Behavior {
        @JsonProperty("static") STATIC,
        @JsonProperty("currentReplicas") CURRENT_REPLICAS,
        @JsonProperty("currentReplicasIfHigher") CURRENT_REPLICAS_IF_HIGHER,
        @JsonProperty("currentReplicasIfLower") CURRENT_REPLICAS_IF_LOWER,
        @JsonProperty("scalingModifiers") SCALING_MODIFIERS
    }
}
