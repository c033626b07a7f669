package dev.tide.controller.kube;

import dev.tide.keda.api.CheckFailedException;
import dev.tide.keda.api.GroupVersionKindResource;
import dev.tide.keda.api.ScaleTarget;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one {@code /scale} client: scale targets of any kind, resolved, read and written through the {@code /scale}
 * subresource (KEDA {@code gvkr.go} and its scale client). Kinds are mapped to resources once and cached, with
 * apps/v1 workloads known up front as KEDA prefills them.
 */
public final class ScaleClient {

    /** What KEDA emits when the target is missing or cannot be scaled. */
    public static final String TARGET_MISSING = "Target resource doesn't exist";
    public static final String NO_SCALE_SUBRESOURCE = "Target resource doesn't expose /scale subresource";

    /** A resolved target: where it lives and its name. */
    public record Target(GroupVersionKindResource gvkr, String namespace, String name) {

        ResourceDefinitionContext context() {
            return new ResourceDefinitionContext.Builder()
                    .withGroup(gvkr.group())
                    .withVersion(gvkr.version())
                    .withKind(gvkr.kind())
                    .withPlural(gvkr.resource())
                    .withNamespaced(true)
                    .build();
        }

        public String describe() {
            return gvkr.kind() + " " + namespace + "/" + name;
        }

        /** As KEDA's scale events name a target: {@code apps/v1.Deployment ns/name}. */
        public String describeAsKeda() {
            return gvkr.gvkString() + " " + namespace + "/" + name;
        }
    }

    /** The object and the replica count its {@code /scale} reports. */
    public record Observed(Target target, GenericKubernetesResource object, int replicas) {
    }

    private final KubernetesClient client;
    private final Map<String, String> resourceByGroupVersionKind = new ConcurrentHashMap<>(Map.of(
            "apps/v1/Deployment", "deployments",
            "apps/v1/StatefulSet", "statefulsets",
            "apps/v1/ReplicaSet", "replicasets"));

    public ScaleClient(KubernetesClient client) {
        this.client = client;
    }

    /** KEDA's {@code ParseGVKR} plus the resource lookup; fails when the kind is unknown or has no /scale. */
    public Target resolve(ScaleTarget ref, String namespace) {
        String apiVersion = ref.apiVersionOrDefault();
        String kind = ref.kindOrDefault();
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        String resource = resourceByGroupVersionKind.get(apiVersion + "/" + kind);
        if (resource == null) {
            resource = discover(apiVersion, kind);
            resourceByGroupVersionKind.put(apiVersion + "/" + kind, resource);
        }
        return new Target(new GroupVersionKindResource(group, version, kind, resource), namespace, ref.name());
    }

    private String discover(String apiVersion, String kind) {
        APIResourceList resources;
        try {
            resources = client.getApiResources(apiVersion);
        } catch (KubernetesClientException e) {
            throw new CheckFailedException(CheckFailedException.TARGET,
                    "cannot list the resources of " + apiVersion + " (HTTP " + e.getCode() + ")");
        }
        if (resources == null) {
            throw new CheckFailedException(CheckFailedException.TARGET, "the API server does not serve " + apiVersion);
        }
        String plural = resources.getResources().stream()
                .filter(r -> kind.equals(r.getKind()) && !r.getName().contains("/"))
                .map(APIResource::getName)
                .findFirst()
                .orElseThrow(() -> new CheckFailedException(CheckFailedException.TARGET,
                        "no kind " + kind + " in " + apiVersion));
        boolean scalable = resources.getResources().stream().anyMatch(r -> (plural + "/scale").equals(r.getName()));
        if (!scalable) {
            throw new CheckFailedException(CheckFailedException.TARGET, NO_SCALE_SUBRESOURCE + ": " + kind + " " + apiVersion);
        }
        return plural;
    }

    /** Reads the target and its {@code /scale}; fails naming the target when either is missing. */
    public Observed observe(Target target) {
        Resource<GenericKubernetesResource> resource = resource(target);
        GenericKubernetesResource object = resource.get();
        if (object == null) {
            throw new CheckFailedException(CheckFailedException.TARGET, TARGET_MISSING + ": " + target.describe());
        }
        try {
            return new Observed(target, object, currentReplicas(target));
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                throw new CheckFailedException(CheckFailedException.TARGET, NO_SCALE_SUBRESOURCE + ": " + target.describe());
            }
            throw e;
        }
    }

    /** The replicas {@code /scale} reports now (0 when it reports none). */
    public int currentReplicas(Target target) {
        Scale scale = resource(target).scale();
        Integer replicas = scale == null || scale.getSpec() == null ? null : scale.getSpec().getReplicas();
        return replicas == null ? 0 : replicas;
    }

    /** Writes {@code spec.replicas} through {@code /scale}. */
    public void scale(Target target, int replicas) {
        resource(target).scale(replicas);
    }

    /** The pod template's spec of a workload ({@code spec.template.spec}); empty for kinds without one. */
    public Optional<PodSpec> podSpec(GenericKubernetesResource object) {
        Object spec = object.getAdditionalProperties().get("spec");
        if (spec instanceof Map<?, ?> specMap && specMap.get("template") instanceof Map<?, ?> template
                && template.get("spec") instanceof Map<?, ?> podSpec) {
            return Optional.of(client.getKubernetesSerialization().convertValue(podSpec, PodSpec.class));
        }
        return Optional.empty();
    }

    private Resource<GenericKubernetesResource> resource(Target target) {
        return client.genericKubernetesResources(target.context()).inNamespace(target.namespace()).withName(target.name());
    }
}
