package dev.tide.keda.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * {@code scaleTargetRef}: the workload a ScaledObject scales, in its own namespace.
 *
 * @param apiVersion empty means {@code apps/v1} (KEDA's {@code ParseGVKR})
 * @param kind empty means {@code Deployment}
 * @param envSourceContainerName the container whose environment feeds {@code *FromEnv}; empty means the first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScaleTarget(
        @Required @Size(min = 1) String name,
        @JsonPropertyDescription("Defaults to apps/v1.") String apiVersion,
        @JsonPropertyDescription("Defaults to Deployment.") String kind,
        @JsonPropertyDescription("Container whose env and envFrom feed *FromEnv trigger parameters; defaults to the first.")
        String envSourceContainerName) {

    public static final String DEFAULT_API_VERSION = "apps/v1";
    public static final String DEFAULT_KIND = "Deployment";

    public String apiVersionOrDefault() {
        return apiVersion == null || apiVersion.isBlank() ? DEFAULT_API_VERSION : apiVersion;
    }

    public String kindOrDefault() {
        return kind == null || kind.isBlank() ? DEFAULT_KIND : kind;
    }
}
