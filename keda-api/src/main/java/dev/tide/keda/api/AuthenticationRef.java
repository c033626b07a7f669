package dev.tide.keda.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/**
 * A trigger's {@code authenticationRef}.
 *
 * @param kind TriggerAuthentication (the default, same namespace) or ClusterTriggerAuthentication
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthenticationRef(@Required String name, Kind kind) {

    public Kind kindOrDefault() {
        return kind == null ? Kind.TriggerAuthentication : kind;
    }

    /** The two kinds a trigger may reference. */
    public enum Kind {
        TriggerAuthentication, ClusterTriggerAuthentication
    }
}
