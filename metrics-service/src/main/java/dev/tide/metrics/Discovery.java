package dev.tide.metrics;

import static dev.tide.metrics.ExternalMetricValueList.GROUP;
import static dev.tide.metrics.ExternalMetricValueList.GROUP_VERSION;
import static dev.tide.metrics.ExternalMetricValueList.VERSION;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The discovery documents the aggregator and {@code kubectl} read: which group and version this server
 * serves, and its one resource. KEDA lists no resource here, which makes every client's discovery warn
 * (KEDA issue #4224); Tide lists {@code externalmetrics}.
 */
final class Discovery {

    /** The {@code APIResource} name under which external metrics are listed. */
    static final String RESOURCE = "externalmetrics";

    private static final GroupVersion GV = new GroupVersion(GROUP_VERSION, VERSION);

    static final ApiGroup GROUP_DOCUMENT = new ApiGroup("APIGroup", "v1", GROUP, List.of(GV), GV);

    static final ApiGroupList GROUP_LIST = new ApiGroupList(
            "APIGroupList", "v1", List.of(new ApiGroup(null, null, GROUP, List.of(GV), GV)));

    static final ApiResourceList RESOURCE_LIST = new ApiResourceList("APIResourceList", "v1", GROUP_VERSION,
            List.of(new ApiResource(RESOURCE, "", true, "ExternalMetricValueList", List.of("get"))));

    private Discovery() {}

    record GroupVersion(String groupVersion, String version) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"kind", "apiVersion", "name", "versions", "preferredVersion"})
    record ApiGroup(
            String kind, String apiVersion, String name, List<GroupVersion> versions, GroupVersion preferredVersion) {}

    @JsonPropertyOrder({"kind", "apiVersion", "groups"})
    record ApiGroupList(String kind, String apiVersion, List<ApiGroup> groups) {}

    @JsonPropertyOrder({"name", "singularName", "namespaced", "kind", "verbs"})
    record ApiResource(String name, String singularName, boolean namespaced, String kind, List<String> verbs) {}

    @JsonPropertyOrder({"kind", "apiVersion", "groupVersion", "resources"})
    record ApiResourceList(String kind, String apiVersion, String groupVersion, List<ApiResource> resources) {}
}
