package dev.tide.controller.reconcile;

import dev.tide.admission.PluginParameters;
import dev.tide.controller.config.ControllerProperties;
import dev.tide.controller.kube.ScaleClient;
import dev.tide.keda.api.KedaApi;
import dev.tide.keda.api.ScaleTrigger;
import dev.tide.keda.api.ScaledJob;
import dev.tide.keda.api.ScaledObject;
import dev.tide.scaler.api.ScaledObjectRef;
import dev.tide.scaler.api.TriggerConfig;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@link TriggerConfig} each of a ScaledObject's scalers is built from, with env and authentication resolved. The
 * triggers have passed the validator ({@link SpecChecks}) by then.
 */
final class TriggerConfigs {

    private final KubernetesClient client;
    private final ScaleClient scaleClient;
    private final ControllerProperties properties;

    TriggerConfigs(KubernetesClient client, ScaleClient scaleClient, ControllerProperties properties) {
        this.client = client;
        this.scaleClient = scaleClient;
        this.properties = properties;
    }

    /**
     * One config per polled trigger, each with its index in {@code triggers}; cpu and memory triggers get none (the HPA
     * reads them from the metrics server). Secret values read on the way are remembered for scrubbing.
     */
    List<TriggerConfig> build(ScaledObject scaledObject, ScaleClient.Observed target, SecretValues secretValues) {
        return build(ScaledObjectRef.scaledObject(scaledObject.getMetadata().getNamespace(), scaledObject.getMetadata().getName()),
                scaledObject.getSpec().triggers(), target.podSpec(), target.target().describe(),
                scaledObject.getSpec().scaleTargetRef().envSourceContainerName(), secretValues);
    }

    /** The same for a ScaledJob: {@code <param>FromEnv} reads the containers of its {@code jobTargetRef}. */
    List<TriggerConfig> build(ScaledJob scaledJob, SecretValues secretValues) {
        var template = scaledJob.getSpec().jobTargetRef().getTemplate();
        Optional<PodSpec> podSpec = Optional.ofNullable(template == null ? null : template.getSpec());
        Supplier<Optional<PodSpec>> fromTemplate = () -> podSpec;
        String name = scaledJob.getMetadata().getName();
        String namespace = scaledJob.getMetadata().getNamespace();
        return build(new ScaledObjectRef(KedaApi.SCALED_JOB_KIND, namespace, name), scaledJob.getSpec().triggers(), fromTemplate,
                "the jobTargetRef of ScaledJob " + namespace + "/" + name, scaledJob.getSpec().envSourceContainerName(), secretValues);
    }

    private List<TriggerConfig> build(ScaledObjectRef owner, List<ScaleTrigger> triggers, Supplier<Optional<PodSpec>> podSpec,
            String targetDescription, String containerName, SecretValues secretValues) {
        TriggerInputs inputs = new TriggerInputs(client, owner.namespace(), properties.clusterObjectNamespace(), podSpec,
                targetDescription, secretValues);
        List<TriggerConfig> configs = new ArrayList<>(triggers.size());
        for (int i = 0; i < triggers.size(); i++) {
            ScaleTrigger trigger = triggers.get(i);
            if (trigger.cpuOrMemory()) {
                continue;
            }
            boolean readsEnv = trigger.metadata().keySet().stream().anyMatch(k -> k.endsWith("FromEnv"));
            Map<String, String> env = readsEnv ? inputs.containerEnv(containerName) : Map.of();
            TriggerInputs.Auth auth = inputs.auth(trigger.authenticationRef(), containerName);
            configs.add(TriggerConfig.builder(trigger.type())
                    .scaledObject(owner)
                    .triggerIndex(i)
                    .triggerName(trigger.name())
                    .metadata(trigger.metadata())
                    .resolvedEnv(env)
                    .authParams(auth.params())
                    .podIdentity(auth.podIdentity())
                    .metricType(PluginParameters.metricType(trigger.metricType()))
                    .useCachedMetrics(Boolean.TRUE.equals(trigger.useCachedMetrics()))
                    .timeout(properties.scalerTimeout())
                    .build());
        }
        return configs;
    }
}
