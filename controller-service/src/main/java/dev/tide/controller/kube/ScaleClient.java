package dev.tide.controller.kube;

import dev.tide.keda.api.CheckFailedException;
import dev.tide.keda.api.GroupVersionKindResource;
import dev.tide.keda.api.ScaleTarget;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

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

    /**
     * The replica count {@code /scale} reports, and the pod template's spec ({@code spec.template.spec}, empty for kinds
     * without one), read when first asked: the replica cache does not hold templates.
     */
    public record Observed(Target target, int replicas, Supplier<Optional<PodSpec>> podSpec) {
    }

    private final KubernetesClient client;
    private final ReplicaCache cache;
    private final Map<String, String> resourceByGroupVersionKind = new ConcurrentHashMap<>(Map.of(
            "apps/v1/Deployment", "deployments",
            "apps/v1/StatefulSet", "statefulsets",
            "apps/v1/ReplicaSet", "replicasets"));

    /** Every read goes to the API server. */
    public ScaleClient(KubernetesClient client) {
        this(client, ReplicaCache.none());
    }

    /** Replica counts come from {@code cache} where it knows them (see {@link ReplicaCache}). */
    public ScaleClient(KubernetesClient client, ReplicaCache cache) {
        this.client = client;
        this.cache = cache;
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

    /**
     * The target and its {@code /scale}; fails naming the target when either is missing. A target the replica cache
     * holds costs no read until its pod template is asked for.
     */
    public Observed observe(Target target) {
        if (cache.holds(target)) {
            return new Observed(target, currentReplicas(target), once(() -> podSpec(read(target))));
        }
        GenericKubernetesResource object = read(target);
        try {
            return new Observed(target, currentReplicas(target), once(() -> podSpec(object)));
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                throw new CheckFailedException(CheckFailedException.TARGET, NO_SCALE_SUBRESOURCE + ": " + target.describe());
            }
            throw e;
        }
    }

    /** The replicas {@code /scale} reports now (0 when it reports none), from the replica cache when it knows them. */
    public int currentReplicas(Target target) {
        OptionalInt known = cache.replicas(target);
        if (known.isPresent()) {
            return known.getAsInt();
        }
        Scale scale = resource(target).scale();
        Integer replicas = scale == null || scale.getSpec() == null ? null : scale.getSpec().getReplicas();
        int current = replicas == null ? 0 : replicas;
        cache.read(target, current);
        return current;
    }

    /**
     * Writes {@code spec.replicas} through {@code /scale} with one JSON merge patch, as {@code kubectl scale} does:
     * fabric8's {@code scale(int)} would GET {@code /scale} first, a read per write. The cache answers the written count
     * from now on.
     */
    public void scale(Target target, int replicas) {
        Optional<String> versionBefore = cache.versionBeforeWrite(target);
        HttpClient http = client.getHttpClient();
        HttpRequest request = http.newHttpRequestBuilder()
                .uri(client.getMasterUrl().toString().replaceAll("/+$", "") + scalePath(target))
                .patch(PatchType.JSON_MERGE.getContentType(), "{\"spec\":{\"replicas\":" + replicas + "}}")
                .build();
        HttpResponse<String> response;
        try {
            response = http.sendAsync(request, String.class).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KubernetesClientException.launderThrowable(e);
        } catch (ExecutionException e) {
            throw KubernetesClientException.launderThrowable(e.getCause());
        }
        if (!response.isSuccessful()) {
            throw new KubernetesClientException("Scaling " + target.describe() + " failed", response.code(), status(response));
        }
        cache.wrote(target, replicas, versionBefore);
    }

    private static String scalePath(Target target) {
        GroupVersionKindResource gvkr = target.gvkr();
        String groupVersion = gvkr.group().isEmpty() ? "/api/" + gvkr.version() : "/apis/" + gvkr.group() + "/" + gvkr.version();
        return groupVersion + "/namespaces/" + target.namespace() + "/" + gvkr.resource() + "/" + target.name() + "/scale";
    }

    /** The API server's Status in an error response (its reason and message name no Secret value), if it sent one. */
    private Status status(HttpResponse<String> response) {
        Status status = null;
        try {
            status = client.getKubernetesSerialization().unmarshal(response.body(), Status.class);
        } catch (RuntimeException notStatus) {
            // Not a Status (a proxy's error page): the code says enough.
        }
        return status != null && status.getCode() != null ? status
                : new StatusBuilder().withCode(response.code()).withMessage("HTTP " + response.code()).build();
    }

    private GenericKubernetesResource read(Target target) {
        GenericKubernetesResource object = resource(target).get();
        if (object == null) {
            throw new CheckFailedException(CheckFailedException.TARGET, TARGET_MISSING + ": " + target.describe());
        }
        return object;
    }

    private Optional<PodSpec> podSpec(GenericKubernetesResource object) {
        Object spec = object.getAdditionalProperties().get("spec");
        if (spec instanceof Map<?, ?> specMap && specMap.get("template") instanceof Map<?, ?> template
                && template.get("spec") instanceof Map<?, ?> podSpec) {
            return Optional.of(client.getKubernetesSerialization().convertValue(podSpec, PodSpec.class));
        }
        return Optional.empty();
    }

    /** {@code supplier} evaluated at most once (one reconcile asks for the pod template per trigger). */
    private static <T> Supplier<T> once(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    private Resource<GenericKubernetesResource> resource(Target target) {
        return client.genericKubernetesResources(target.context()).inNamespace(target.namespace()).withName(target.name());
    }
}
