package dev.tide.keda.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code status.scaleTargetGVKR}: where the scale target lives, and its plural resource name. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GroupVersionKindResource(String group, String version, String kind, String resource) {

    /** KEDA's {@code GVKString}: {@code apps/v1.Deployment}, or {@code v1.Kind} for the core group. */
    public String gvkString() {
        return (group == null || group.isEmpty() ? "" : group + "/") + version + "." + kind;
    }

    public String apiVersion() {
        return group == null || group.isEmpty() ? version : group + "/" + version;
    }
}
