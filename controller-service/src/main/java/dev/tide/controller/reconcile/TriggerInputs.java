package dev.tide.controller.reconcile;

import dev.tide.keda.api.AuthenticationRef;
import dev.tide.keda.api.CheckFailedException;
import dev.tide.keda.api.SpecValidator;
import dev.tide.keda.api.ClusterTriggerAuthentication;
import dev.tide.keda.api.TriggerAuthentication;
import dev.tide.keda.api.TriggerAuthenticationSpec;
import dev.tide.scaler.api.PodIdentity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves what a trigger reads besides its metadata: the target container's environment (for
 * {@code <param>FromEnv}) and the parameters of its TriggerAuthentication or ClusterTriggerAuthentication, merged
 * in KEDA's order (podIdentity, env, configMapTargetRef, secretTargetRef; later writes win).
 *
 * <p>Secrets and ConfigMaps are read one reference at a time, never cached across reconciles and never listed:
 * the controller needs no cluster-wide Secret informer. Errors name the object and key, never a value. One
 * instance serves one reconcile.
 */
final class TriggerInputs {

    /** A trigger authentication resolved into parameters. */
    record Auth(Map<String, String> params, PodIdentity podIdentity) {
        static final Auth NONE = new Auth(Map.of(), PodIdentity.none());
    }

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_.-]*)\\)");

    private final KubernetesClient client;
    private final String namespace;
    private final String clusterObjectNamespace;
    /** Read when a trigger first needs the container env: a target's template may cost a GET (ScaleClient#observe). */
    private final Supplier<Optional<PodSpec>> podSpec;
    private final String targetDescription;
    private final SecretValues secretValues;
    private final Map<String, Optional<Map<String, String>>> objects = new HashMap<>();
    private final Map<String, Map<String, String>> envByContainer = new HashMap<>();

    TriggerInputs(KubernetesClient client, String namespace, String clusterObjectNamespace, Supplier<Optional<PodSpec>> podSpec,
            String targetDescription, SecretValues secretValues) {
        this.client = client;
        this.namespace = namespace;
        this.clusterObjectNamespace = clusterObjectNamespace;
        this.podSpec = podSpec;
        this.targetDescription = targetDescription;
        this.secretValues = secretValues;
    }

    /**
     * KEDA's {@code ResolveContainerEnv}: the named container's (else the first container's) {@code envFrom},
     * then its {@code env}, which overrides. Empty when the target has no pod template.
     */
    Map<String, String> containerEnv(String containerName) {
        String key = containerName == null ? "" : containerName;
        Map<String, String> cached = envByContainer.get(key);
        if (cached == null) {
            cached = resolveContainerEnv(key);
            envByContainer.put(key, cached);
        }
        return cached;
    }

    private Map<String, String> resolveContainerEnv(String containerName) {
        Optional<PodSpec> template = podSpec.get();
        if (template.isEmpty() || template.get().getContainers() == null || template.get().getContainers().isEmpty()) {
            return Map.of();
        }
        Container container = containerName.isEmpty()
                ? template.get().getContainers().get(0)
                : template.get().getContainers().stream()
                        .filter(c -> containerName.equals(c.getName()))
                        .findFirst()
                        .orElseThrow(() -> new CheckFailedException(CheckFailedException.HPA,
                                "container " + containerName + " not found in the pod template of " + targetDescription));
        Map<String, String> env = new LinkedHashMap<>();
        if (container.getEnvFrom() != null) {
            String where = " (envFrom of container " + container.getName() + " of " + targetDescription + ")";
            for (EnvFromSource source : container.getEnvFrom()) {
                String prefix = source.getPrefix() == null ? "" : source.getPrefix();
                if (source.getSecretRef() != null) {
                    data(ObjectKind.SECRET, namespace, source.getSecretRef().getName(),
                            Boolean.TRUE.equals(source.getSecretRef().getOptional()), where)
                            .ifPresent(data -> data.forEach((k, v) -> env.put(prefix + k, v)));
                }
                if (source.getConfigMapRef() != null) {
                    data(ObjectKind.CONFIG_MAP, namespace, source.getConfigMapRef().getName(),
                            Boolean.TRUE.equals(source.getConfigMapRef().getOptional()), where)
                            .ifPresent(data -> data.forEach((k, v) -> env.put(prefix + k, v)));
                }
            }
        }
        if (container.getEnv() != null) {
            for (EnvVar var : container.getEnv()) {
                envValue(var, container.getName(), env).ifPresent(value -> env.put(var.getName(), value));
            }
        }
        return Map.copyOf(env);
    }

    private Optional<String> envValue(EnvVar var, String containerName, Map<String, String> resolvedSoFar) {
        if (var.getValueFrom() == null) {
            return Optional.of(expand(var.getValue() == null ? "" : var.getValue(), resolvedSoFar));
        }
        String where = " (env " + var.getName() + " of container " + containerName + " of " + targetDescription + ")";
        var secretKeyRef = var.getValueFrom().getSecretKeyRef();
        if (secretKeyRef != null) {
            return value(ObjectKind.SECRET, namespace, secretKeyRef.getName(), secretKeyRef.getKey(),
                    Boolean.TRUE.equals(secretKeyRef.getOptional()), where);
        }
        var configMapKeyRef = var.getValueFrom().getConfigMapKeyRef();
        if (configMapKeyRef != null) {
            return value(ObjectKind.CONFIG_MAP, namespace, configMapKeyRef.getName(), configMapKeyRef.getKey(),
                    Boolean.TRUE.equals(configMapKeyRef.getOptional()), where);
        }
        // fieldRef and resourceFieldRef need the running pod; KEDA does not resolve them either.
        return Optional.empty();
    }

    /** Kubernetes' {@code $(VAR)} expansion against the variables defined before; {@code $$(} escapes. */
    private static String expand(String value, Map<String, String> defined) {
        if (!value.contains("$(")) {
            return value;
        }
        Matcher matcher = ENV_REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            boolean escaped = matcher.start() > 0 && value.charAt(matcher.start() - 1) == '$';
            // An escaped reference stays as written here; the final replace drops the escaping '$'.
            String replacement = escaped ? matcher.group() : defined.getOrDefault(matcher.group(1), matcher.group());
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString().replace("$$(", "$(");
    }

    /** KEDA's {@code resolveAuthRef}: the parameters of the referenced (Cluster)TriggerAuthentication. */
    Auth auth(AuthenticationRef ref, String defaultContainerName) {
        if (ref == null) {
            return Auth.NONE;
        }
        boolean cluster = ref.kindOrDefault() == AuthenticationRef.Kind.ClusterTriggerAuthentication;
        TriggerAuthenticationSpec spec;
        String described;
        String objectNamespace;
        if (cluster) {
            var cta = client.resources(ClusterTriggerAuthentication.class).withName(ref.name()).get();
            if (cta == null) {
                throw missing("ClusterTriggerAuthentication " + ref.name() + " not found");
            }
            spec = cta.getSpec();
            described = "ClusterTriggerAuthentication " + ref.name();
            objectNamespace = clusterObjectNamespace;
        } else {
            var ta = client.resources(TriggerAuthentication.class).inNamespace(namespace).withName(ref.name()).get();
            if (ta == null) {
                throw missing("TriggerAuthentication " + namespace + "/" + ref.name() + " not found");
            }
            spec = ta.getSpec();
            described = "TriggerAuthentication " + namespace + "/" + ref.name();
            objectNamespace = namespace;
        }
        if (spec == null) {
            return Auth.NONE;
        }
        var problems = SpecValidator.problems(spec);
        if (!problems.isEmpty()) {
            throw new CheckFailedException(CheckFailedException.HPA, described + " is not valid: "
                    + String.join("; ", problems.stream().map(Object::toString).toList()));
        }
        if (!spec.externalProviders().isEmpty()) {
            throw new CheckFailedException(CheckFailedException.HPA, described + " uses " + String.join(", ", spec.externalProviders())
                    + ", which Tide does not resolve yet; use secretTargetRef, configMapTargetRef, env or podIdentity");
        }
        Map<String, String> params = new LinkedHashMap<>();
        PodIdentity podIdentity = podIdentity(spec.podIdentity());
        for (var env : spec.env()) {
            String container = env.containerName() == null || env.containerName().isBlank() ? defaultContainerName : env.containerName();
            String value = containerEnv(container).get(env.name());
            if (value != null) {
                params.put(env.parameter(), value);
            }
        }
        for (var target : spec.configMapTargetRef()) {
            value(ObjectKind.CONFIG_MAP, objectNamespace, target.name(), target.key(), false,
                    " (" + described + ", parameter " + target.parameter() + ")")
                    .ifPresent(value -> params.put(target.parameter(), value));
        }
        for (var target : spec.secretTargetRef()) {
            value(ObjectKind.SECRET, objectNamespace, target.name(), target.key(), false,
                    " (" + described + ", parameter " + target.parameter() + ")")
                    .ifPresent(value -> params.put(target.parameter(), value));
        }
        return new Auth(Map.copyOf(params), podIdentity);
    }

    private static PodIdentity podIdentity(TriggerAuthenticationSpec.PodIdentity spec) {
        if (spec == null || spec.provider() == null) {
            return PodIdentity.none();
        }
        return new PodIdentity(spec.provider().yamlName(), Optional.ofNullable(spec.identityId()),
                Optional.ofNullable(spec.identityTenantId()), Optional.ofNullable(spec.identityAuthorityHost()),
                Optional.ofNullable(spec.roleArn()));
    }

    /** The two kinds of object a trigger's inputs are read from. */
    private enum ObjectKind {
        SECRET("Secret"), CONFIG_MAP("ConfigMap");

        private final String label;

        ObjectKind(String label) {
            this.label = label;
        }
    }

    /** One key of a Secret or ConfigMap; empty only when the reference is optional. */
    private Optional<String> value(ObjectKind kind, String inNamespace, String name, String key, boolean optional, String where) {
        Optional<Map<String, String>> data = data(kind, inNamespace, name, optional, where);
        String value = data.map(d -> d.get(key)).orElse(null);
        if (value == null && data.isPresent() && !optional) {
            throw missing("key " + key + " not found in " + kind.label + " " + inNamespace + "/" + name + where);
        }
        return Optional.ofNullable(value);
    }

    /**
     * All of a Secret (decoded) or ConfigMap, read once per reconcile; empty only when the reference is optional.
     * Every Secret value is remembered so that it can be scrubbed from messages.
     */
    private Optional<Map<String, String>> data(ObjectKind kind, String inNamespace, String name, boolean optional, String where) {
        Optional<Map<String, String>> data = objects.computeIfAbsent(kind + "/" + inNamespace + "/" + name, k -> switch (kind) {
            case SECRET -> Optional.ofNullable(client.secrets().inNamespace(inNamespace).withName(name).get()).map(this::decoded);
            case CONFIG_MAP -> Optional.ofNullable(client.configMaps().inNamespace(inNamespace).withName(name).get())
                    .map(c -> c.getData() == null ? Map.<String, String>of() : c.getData());
        });
        if (data.isEmpty() && !optional) {
            throw missing(kind.label + " " + inNamespace + "/" + name + where + " not found");
        }
        return data;
    }

    private Map<String, String> decoded(Secret secret) {
        Map<String, String> values = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> values.put(k, new String(Base64.getMimeDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            values.putAll(secret.getStringData());
        }
        values.values().forEach(secretValues::add);
        return values;
    }

    private static CheckFailedException missing(String detail) {
        return new CheckFailedException(CheckFailedException.HPA, detail);
    }
}
