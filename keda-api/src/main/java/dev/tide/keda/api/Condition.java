package dev.tide.keda.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/**
 * A KEDA status condition (KEDA {@code Condition}: no transition time, unlike metav1.Condition).
 *
 * @param status {@code True}, {@code False} or {@code Unknown}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(@Required String type, @Required String status, String reason, String message) {

    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    @JsonIgnore
    public boolean isTrue() {
        return TRUE.equals(status);
    }
}
