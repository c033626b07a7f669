package dev.tide.controller.reconcile;

import dev.tide.controller.config.ControllerProperties;
import dev.tide.controller.kube.ScaleClient;
import dev.tide.controller.sources.ScalerFactories;
import dev.tide.keda.api.Advanced;
import dev.tide.keda.api.CheckFailedException;
import dev.tide.keda.api.ScaleTrigger;
import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.ScaledObjectSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.ScaledObjectRef;
import dev.tide.scaler.api.TriggerConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A ScaledObject's triggers: KEDA's checks on them ({@code ValidateTriggers}, replica bounds) and the
 * {@link TriggerConfig} each scaler is built from, with env and authentication resolved.
 */
final class TriggerConfigs {

    private static final Set<String> NO_CACHED_METRICS = Set.of("cpu", "memory", "cron");

    private final KubernetesClient client;
    private final ScaleClient scaleClient;
    private final ScalerFactories factories;
    private final ControllerProperties properties;

    TriggerConfigs(KubernetesClient client, ScaleClient scaleClient, ScalerFactories factories, ControllerProperties properties) {
        this.client = client;
        this.scaleClient = scaleClient;
        this.factories = factories;
        this.properties = properties;
    }

    /**
     * {@code advanced.scalingModifiers} is refused until Tide evaluates formulas: accepting it would give the HPA a
     * composite metric that nothing computes, so the workload would silently stop scaling past one replica.
     */
    static void refuseScalingModifiers(ScaledObjectSpec spec) {
        Advanced advanced = spec.advanced();
        if (advanced != null && advanced.scalingModifiers() != null) {
            throw new CheckFailedException(CheckFailedException.HPA, "spec.advanced.scalingModifiers is not supported by this"
                    + " version of Tide: formulas are not evaluated yet, so the HPA would get no usable metric; remove"
                    + " scalingModifiers to scale on each trigger's own metric");
        }
    }

    /** KEDA's {@code ValidateTriggers}, plus: every type has a scaler. */
    void validate(ScaledObjectSpec spec) {
        if (spec.triggers().isEmpty()) {
            throw new CheckFailedException(CheckFailedException.TRIGGERS, "no triggers defined in the ScaledObject/ScaledJob");
        }
        Set<String> names = new HashSet<>();
        for (ScaleTrigger trigger : spec.triggers()) {
            if (trigger.name() != null && !trigger.name().isEmpty() && !names.add(trigger.name())) {
                throw new CheckFailedException(CheckFailedException.TRIGGERS, "triggerName \"" + trigger.name()
                        + "\" is defined multiple times in the ScaledObject/ScaledJob, but it must be unique");
            }
            if (Boolean.TRUE.equals(trigger.useCachedMetrics()) && NO_CACHED_METRICS.contains(trigger.type())) {
                throw new CheckFailedException(CheckFailedException.TRIGGERS,
                        "property \"useCachedMetrics\" is not supported for \"" + trigger.type() + "\" scaler");
            }
            if (factories.factory(trigger.type()).isEmpty()) {
                throw new CheckFailedException(CheckFailedException.TRIGGERS, "no scaler found for type: " + trigger.type()
                        + " (known types: " + String.join(", ", factories.types()) + ")");
            }
            if (trigger.metricType() == ScaleTrigger.MetricType.Utilization) {
                throw new CheckFailedException(CheckFailedException.TRIGGERS,
                        "'Utilization' metric type is unsupported for external metrics");
            }
        }
    }

    /** One config per trigger, index for index; Secret values read on the way are remembered for scrubbing. */
    List<TriggerConfig> build(ScaledObject scaledObject, ScaleClient.Observed target, SecretValues secretValues) {
        String namespace = scaledObject.getMetadata().getNamespace();
        String containerName = scaledObject.getSpec().scaleTargetRef().envSourceContainerName();
        TriggerInputs inputs = new TriggerInputs(client, namespace, properties.clusterObjectNamespace(),
                scaleClient.podSpec(target.object()), target.target().describe(), secretValues);
        List<ScaleTrigger> triggers = scaledObject.getSpec().triggers();
        List<TriggerConfig> configs = new ArrayList<>(triggers.size());
        for (int i = 0; i < triggers.size(); i++) {
            ScaleTrigger trigger = triggers.get(i);
            boolean readsEnv = trigger.metadata().keySet().stream().anyMatch(k -> k.endsWith("FromEnv"));
            Map<String, String> env = readsEnv ? inputs.containerEnv(containerName) : Map.of();
            TriggerInputs.Auth auth = inputs.auth(trigger.authenticationRef(), containerName);
            configs.add(TriggerConfig.builder(trigger.type())
                    .scaledObject(ScaledObjectRef.scaledObject(namespace, scaledObject.getMetadata().getName()))
                    .triggerIndex(i)
                    .triggerName(trigger.name())
                    .metadata(trigger.metadata())
                    .resolvedEnv(env)
                    .authParams(auth.params())
                    .podIdentity(auth.podIdentity())
                    .metricType(trigger.metricType() == null ? null : switch (trigger.metricType()) {
                        case AverageValue -> MetricTargetType.AVERAGE_VALUE;
                        case Value -> MetricTargetType.VALUE;
                        case Utilization -> MetricTargetType.UTILIZATION;
                    })
                    .useCachedMetrics(Boolean.TRUE.equals(trigger.useCachedMetrics()))
                    .timeout(properties.scalerTimeout())
                    .build());
        }
        return configs;
    }
}
