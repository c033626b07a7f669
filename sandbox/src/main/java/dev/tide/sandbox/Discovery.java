package dev.tide.sandbox;

import dev.tide.keda.api.ClusterTriggerAuthentication;
import dev.tide.keda.api.KedaApi;
import dev.tide.keda.api.ScaledJob;
import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.TriggerAuthentication;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The discovery documents {@code kubectl} asks for first ({@code /api}, {@code /apis}, {@code /apis/<group>/<version>}),
 * which the fabric8 mock server does not serve: with them, {@code kubectl get so,hpa,deploy -w} (and
 * {@code kubectl get sj,jobs,pods -w}) works against the sandbox. Only the resources the sandbox holds are listed.
 */
final class Discovery {

    private static final String VERBS = "[\"create\",\"delete\",\"get\",\"list\",\"patch\",\"update\",\"watch\"]";

    private record Resource(String name, String singular, String kind, boolean namespaced, List<String> shortNames,
            List<String> subresources) {
    }

    private static final Map<String, List<Resource>> GROUP_VERSIONS = Map.of(
            "v1", List.of(
                    new Resource("events", "event", "Event", true, List.of("ev"), List.of()),
                    new Resource("secrets", "secret", "Secret", true, List.of(), List.of()),
                    new Resource("configmaps", "configmap", "ConfigMap", true, List.of("cm"), List.of()),
                    new Resource("pods", "pod", "Pod", true, List.of("po"), List.of()),
                    new Resource("namespaces", "namespace", "Namespace", false, List.of("ns"), List.of())),
            "apps/v1", List.of(
                    new Resource("deployments", "deployment", "Deployment", true, List.of("deploy"), List.of("scale", "status"))),
            "batch/v1", List.of(
                    new Resource("jobs", "job", "Job", true, List.of(), List.of("status"))),
            "autoscaling/v2", List.of(
                    new Resource("horizontalpodautoscalers", "horizontalpodautoscaler", "HorizontalPodAutoscaler", true,
                            List.of("hpa"), List.of("status"))),
            KedaApi.API_VERSION, List.of(
                    kedaResource(ScaledObject.class),
                    kedaResource(ScaledJob.class),
                    kedaResource(TriggerAuthentication.class),
                    kedaResource(ClusterTriggerAuthentication.class)),
            "coordination.k8s.io/v1", List.of(
                    new Resource("leases", "lease", "Lease", true, List.of(), List.of())));

    private Discovery() {
    }

    /** One of KEDA's resources, named as its keda-api type declares it; each has a status subresource. */
    private static Resource kedaResource(Class<? extends CustomResource<?, ?>> type) {
        return new Resource(HasMetadata.getPlural(type), HasMetadata.getSingular(type), HasMetadata.getKind(type),
                Namespaced.class.isAssignableFrom(type), List.of(CustomResource.getShortNames(type)), List.of("status"));
    }

    /** The document for a GET of {@code path}, if it is a discovery path. */
    static Optional<String> document(String path) {
        if (path.equals("/api")) {
            return Optional.of("{\"kind\":\"APIVersions\",\"versions\":[\"v1\"]}");
        }
        if (path.equals("/apis")) {
            return Optional.of("{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":["
                    + GROUP_VERSIONS.keySet().stream().filter(gv -> gv.contains("/")).sorted().map(Discovery::group)
                            .collect(Collectors.joining(","))
                    + "]}");
        }
        if (path.equals("/api/v1")) {
            return Optional.of(resourceList("v1"));
        }
        if (path.startsWith("/apis/")) {
            String groupVersion = path.substring("/apis/".length());
            if (GROUP_VERSIONS.containsKey(groupVersion)) {
                return Optional.of(resourceList(groupVersion));
            }
        }
        return Optional.empty();
    }

    private static String group(String groupVersion) {
        String name = groupVersion.substring(0, groupVersion.indexOf('/'));
        String version = "{\"groupVersion\":\"" + groupVersion + "\",\"version\":\""
                + groupVersion.substring(groupVersion.indexOf('/') + 1) + "\"}";
        return "{\"name\":\"" + name + "\",\"versions\":[" + version + "],\"preferredVersion\":" + version + "}";
    }

    private static String resourceList(String groupVersion) {
        StringBuilder resources = new StringBuilder();
        for (Resource r : GROUP_VERSIONS.get(groupVersion)) {
            if (resources.length() > 0) {
                resources.append(',');
            }
            resources.append("{\"name\":\"").append(r.name()).append("\",\"singularName\":\"").append(r.singular())
                    .append("\",\"namespaced\":").append(r.namespaced()).append(",\"kind\":\"").append(r.kind())
                    .append("\",\"verbs\":").append(VERBS).append(",\"shortNames\":[")
                    .append(r.shortNames().stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",")))
                    .append("]}");
            for (String sub : r.subresources()) {
                resources.append(",{\"name\":\"").append(r.name()).append('/').append(sub)
                        .append("\",\"singularName\":\"\",\"namespaced\":").append(r.namespaced())
                        .append(",\"kind\":\"").append(sub.equals("scale") ? "Scale" : r.kind())
                        .append("\",\"verbs\":[\"get\",\"patch\",\"update\"]}");
            }
        }
        return "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"" + groupVersion
                + "\",\"resources\":[" + resources + "]}";
    }
}
