package dev.tide.keda.api.validation;

import dev.tide.keda.api.Advanced;
import dev.tide.keda.api.Fallback;
import dev.tide.keda.api.ScaleTarget;
import dev.tide.keda.api.ScaleTrigger;
import dev.tide.keda.api.ScaleTrigger.MetricType;
import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.ScaledObjectSpec;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The helper functions of KEDA's {@code scaledobject_webhook_test.go}, ported to Tide's model under the same names
 * and with the same values, so that a row reads like the Go test it comes from.
 */
final class KedaFixtures {

    static final String NAMESPACE = "keda-parity";
    /** KEDA's {@code soName}. */
    static final String SO_NAME = "test-so";
    /** KEDA's {@code workloadName}. */
    static final String WORKLOAD_NAME = "deployment-name";

    static final String DEPLOYMENT = "Deployment";
    static final String STATEFUL_SET = "StatefulSet";

    private static final KedaValidator VALIDATOR = new KedaValidator(TriggerParameters.NONE);

    private KedaFixtures() {
    }

    /** One admission request and the objects the cluster holds when it arrives. */
    record Admission(ScaledObject before, ScaledObject scaledObject, Occasion occasion, ClusterView cluster) {

        Verdict judge() {
            return before == null ? VALIDATOR.scaledObject(scaledObject, occasion, cluster)
                    : VALIDATOR.scaledObjectUpdate(before, scaledObject, occasion, cluster);
        }
    }

    static Admission create(So scaledObject, ClusterView cluster) {
        return new Admission(null, scaledObject.build(), Occasion.ADMISSION, cluster);
    }

    static Admission dryRun(So scaledObject, ClusterView cluster) {
        return new Admission(null, scaledObject.build(), Occasion.ADMISSION_DRY_RUN, cluster);
    }

    static Admission update(ScaledObject before, So after, ClusterView cluster) {
        return new Admission(before, after.build(), Occasion.ADMISSION, cluster);
    }

    static InMemoryClusterView cluster() {
        return new InMemoryClusterView(NAMESPACE);
    }

    static ScaleTrigger trigger(String type, String name, Map<String, String> metadata) {
        return new ScaleTrigger(type, name, metadata, null, null, null);
    }

    static ScaleTrigger cron(String name) {
        return trigger("cron", name, Map.of("timezone", "UTC", "start", "0 * * * *", "end", "1 * * * *", "desiredReplicas", "1"));
    }

    static ScaleTrigger cpu() {
        return trigger("cpu", null, Map.of("value", "10"));
    }

    static ScaleTrigger memory() {
        return trigger("memory", null, Map.of("value", "10"));
    }

    static ScaleTrigger kubernetesWorkload(String name, MetricType metricType) {
        return new ScaleTrigger("kubernetes-workload", name, Map.of("podSelector", "pod=workload-test", "value", "1"), null,
                metricType, null);
    }

    /** KEDA's {@code createScaledObject}: a cron trigger (and cpu and memory ones), min 5, max 10, idle 1. */
    static So scaledObject(String name, String targetName, String apiVersion, String kind, boolean cpuAndMemory,
            Map<String, String> annotations, String hpaName) {
        So so = new So(name, new ScaleTarget(targetName, apiVersion, kind, null)).idle(1).min(5).max(10).annotations(annotations)
                .triggers(cron(null));
        if (cpuAndMemory) {
            so.addTriggers(cpu(), memory());
        }
        return hpaName.isEmpty() ? so : so.hpaName(hpaName);
    }

    /** {@link #scaledObject(String, String, String, String, boolean, Map, String)} as most of KEDA's cases call it. */
    static So scaledObject(boolean cpuAndMemory) {
        return scaledObject(SO_NAME, WORKLOAD_NAME, "apps/v1", DEPLOYMENT, cpuAndMemory, Map.of(), "");
    }

    /** KEDA's {@code createScaledObjectSTZ}: a cpu trigger (and a kubernetes-workload one), cooldown 1, no idle. */
    static So scaledObjectSTZ(int minReplicas, int maxReplicas, boolean hasExternalTrigger) {
        So so = new So(SO_NAME, new ScaleTarget(WORKLOAD_NAME, null, null, null)).min(minReplicas).max(maxReplicas).cooldown(1)
                .triggers(cpu());
        return hasExternalTrigger ? so.addTriggers(kubernetesWorkload(null, null)) : so;
    }

    /** KEDA's {@code createScaledObjectScalingModifiers}: min 0, max 10, cooldown 1. */
    static So scaledObjectScalingModifiers(Advanced.ScalingModifiers modifiers, ScaleTrigger... triggers) {
        return new So(SO_NAME, new ScaleTarget(WORKLOAD_NAME, null, null, null)).min(0).max(10).cooldown(1).modifiers(modifiers)
                .triggers(triggers);
    }

    /** KEDA's {@code createHpa}; {@code owner} is the ScaledObject named in its ownerReferences, or null. */
    static HorizontalPodAutoscaler hpa(String name, String targetName, String apiVersion, String kind, String owner) {
        var builder = new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                .withNewSpec()
                .withNewScaleTargetRef().withName(targetName).withApiVersion(apiVersion).withKind(kind).endScaleTargetRef()
                .withMinReplicas(5).withMaxReplicas(10)
                .endSpec();
        if (owner != null) {
            builder.editMetadata().addNewOwnerReference().withKind("ScaledObject").withName(owner).withApiVersion("keda.sh")
                    .withUid(owner).endOwnerReference().endMetadata();
        }
        return builder.build();
    }

    /** An HPA with {@code annotations}, as {@code hpa.Annotations = ...} sets them. */
    static HorizontalPodAutoscaler annotated(HorizontalPodAutoscaler hpa, Map<String, String> annotations) {
        hpa.getMetadata().setAnnotations(annotations);
        return hpa;
    }

    /** KEDA's {@code createDeployment} and {@code createStatefulSet}: one container "test", requests of 100m or 0. */
    static PodSpec podSpec(boolean hasCpu, boolean hasMemory) {
        return new PodSpecBuilder().addToContainers(new ContainerBuilder().withName("test").withImage("test")
                .withNewResources()
                .addToRequests("cpu", new Quantity(hasCpu ? "100m" : "0"))
                .addToRequests("memory", new Quantity(hasMemory ? "100m" : "0"))
                .endResources().build()).build();
    }

    /** A workload whose container's requests were set to nil, as KEDA's finalizer case does after creating it. */
    static PodSpec podSpecWithoutRequests() {
        return new PodSpecBuilder().addToContainers(new ContainerBuilder().withName("test").withImage("test").build()).build();
    }

    /** {@code createDeployment(ns, false, false)} with one resource limit added, as two of KEDA's cases do. */
    static PodSpec podSpecWithLimit(String resource, String quantity) {
        PodSpec podSpec = podSpec(false, false);
        podSpec.getContainers().get(0).getResources().setLimits(Map.of(resource, new Quantity(quantity)));
        return podSpec;
    }

    /** KEDA's {@code createLimitRange}: a Container-type default of cpu and memory. */
    static LimitRange limitRange(String name, String cpu, String memory) {
        return new LimitRangeBuilder().withMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build())
                .withNewSpec().addNewLimit().withType("Container")
                .addToDefault("cpu", new Quantity(cpu)).addToDefault("memory", new Quantity(memory))
                .endLimit().endSpec().build();
    }

    /** A ScaledObject under construction, changed the way KEDA's cases change theirs before creating them. */
    static final class So {

        private final String name;
        private final ScaleTarget target;
        private Map<String, String> annotations = Map.of();
        private List<String> finalizers = List.of();
        private Integer pollingInterval;
        private Integer cooldownPeriod;
        private Integer idleReplicaCount;
        private Integer minReplicaCount;
        private Integer maxReplicaCount;
        private String hpaName;
        private HorizontalPodAutoscalerBehavior behavior;
        private Advanced.ScalingModifiers modifiers;
        private List<ScaleTrigger> triggers = new ArrayList<>();
        private Fallback fallback;

        So(String name, ScaleTarget target) {
            this.name = name;
            this.target = target;
        }

        So annotations(Map<String, String> value) {
            annotations = value;
            return this;
        }

        So finalizers(String... value) {
            finalizers = List.of(value);
            return this;
        }

        So pollingInterval(Integer value) {
            pollingInterval = value;
            return this;
        }

        So cooldown(Integer value) {
            cooldownPeriod = value;
            return this;
        }

        So idle(Integer value) {
            idleReplicaCount = value;
            return this;
        }

        So min(Integer value) {
            minReplicaCount = value;
            return this;
        }

        So max(Integer value) {
            maxReplicaCount = value;
            return this;
        }

        /** {@code advanced.horizontalPodAutoscalerConfig.name}; null drops the whole HPA config, as KEDA's case does. */
        So hpaName(String value) {
            hpaName = value;
            return this;
        }

        So behavior(HorizontalPodAutoscalerBehavior value) {
            behavior = value;
            return this;
        }

        So modifiers(Advanced.ScalingModifiers value) {
            modifiers = value;
            return this;
        }

        So triggers(ScaleTrigger... value) {
            triggers = new ArrayList<>(Arrays.asList(value));
            return this;
        }

        So addTriggers(ScaleTrigger... value) {
            triggers.addAll(Arrays.asList(value));
            return this;
        }

        /** Every trigger's metricType set, as {@code so.Spec.Triggers[index].MetricType = ...} does. */
        So metricTypes(MetricType metricType) {
            triggers.replaceAll(t -> new ScaleTrigger(t.type(), t.name(), t.metadata(), t.authenticationRef(), metricType,
                    t.useCachedMetrics()));
            return this;
        }

        So fallback(int failureThreshold, int replicas, Fallback.Behavior fallbackBehavior) {
            fallback = new Fallback(failureThreshold, replicas, fallbackBehavior);
            return this;
        }

        ScaledObject build() {
            Advanced.HorizontalPodAutoscalerConfig hpaConfig = hpaName == null && behavior == null ? null
                    : new Advanced.HorizontalPodAutoscalerConfig(hpaName, behavior);
            ScaledObject scaledObject = new ScaledObject();
            scaledObject.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).withUid(name)
                    .withAnnotations(annotations).withFinalizers(finalizers).build());
            scaledObject.setSpec(new ScaledObjectSpec(target, pollingInterval, null, cooldownPeriod, idleReplicaCount,
                    minReplicaCount, maxReplicaCount, new Advanced(hpaConfig, null, modifiers), triggers, fallback));
            return scaledObject;
        }
    }
}
