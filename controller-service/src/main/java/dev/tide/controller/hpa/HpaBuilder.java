package dev.tide.controller.hpa;

import dev.tide.keda.api.Advanced;
import dev.tide.keda.api.Annotations;
import dev.tide.keda.api.CheckFailedException;
import dev.tide.keda.api.CompositeFormula;
import dev.tide.keda.api.GroupVersionKindResource;
import dev.tide.keda.api.KedaApi;
import dev.tide.keda.api.ScaleTrigger;
import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.ScaledObjectSpec;
import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRulesBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehaviorBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTargetBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HPA a ScaledObject asks for (KEDA {@code hpa.go}), as a pure function of the ScaledObject, its target and
 * its scalers' metric specs: one External metric per trigger metric, or the one composite metric of
 * scalingModifiers, selected by the ScaledObject's name label; and the cpu and memory triggers' Resource metrics
 * ({@link ResourceMetrics}). Without scalingModifiers the metrics are ordered by type, as KEDA sorts them
 * ({@code ContainerResource}, {@code External}, {@code Resource}; trigger order within a type); with them, the
 * resource metrics come first, then the composite.
 */
public final class HpaBuilder {

    static final String DISABLED = "Disabled";
    private static final int MAX_LABEL_VALUE = 63;

    private HpaBuilder() {
    }

    public static HorizontalPodAutoscaler build(ScaledObject scaledObject, GroupVersionKindResource target,
            List<MetricSpec> metricSpecs, String operatorVersion) {
        String name = KedaApi.hpaName(scaledObject);
        String soName = scaledObject.getMetadata().getName();
        Set<String> seen = new HashSet<>();
        for (MetricSpec spec : metricSpecs) {
            if (!seen.add(spec.metricName())) {
                throw new CheckFailedException(CheckFailedException.HPA, "metricName " + spec.metricName() + " defined multiple times");
            }
        }
        List<io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec> resources = ResourceMetrics.of(scaledObject.getSpec());
        if (metricSpecs.isEmpty() && resources.isEmpty()) {
            throw new CheckFailedException(CheckFailedException.HPA, "no metric specs returned from scalers for ScaledObject "
                    + scaledObject.getMetadata().getNamespace() + "/" + soName + " (scalers may be unreachable, will retry)");
        }
        List<MetricSpec> hpaMetrics = compositeOrEach(scaledObject, metricSpecs);
        var external = hpaMetrics.stream().map(spec -> {
            var targetBuilder = new MetricTargetBuilder().withType(spec.targetType().kubernetesName());
            Quantity quantity = new Quantity(spec.target().toQuantity());
            if (spec.targetType() == MetricTargetType.VALUE) {
                targetBuilder.withValue(quantity);
            } else {
                targetBuilder.withAverageValue(quantity);
            }
            return new MetricSpecBuilder()
                    .withType("External")
                    .withNewExternal()
                    .withNewMetric()
                    .withName(spec.metricName())
                    .withNewSelector().addToMatchLabels(KedaApi.SCALED_OBJECT_NAME_LABEL, soName).endSelector()
                    .endMetric()
                    .withTarget(targetBuilder.build())
                    .endExternal()
                    .build();
        }).toList();
        var metrics = new ArrayList<>(resources);
        metrics.addAll(external);
        if (!composite(scaledObject.getSpec())) {
            // Not the composite: KEDA sorts by type so that the same HPA is built on every reconcile (keda#1531).
            metrics.sort(Comparator.comparing(io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec::getType));
        }

        return new HorizontalPodAutoscalerBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(scaledObject.getMetadata().getNamespace())
                .withLabels(labels(scaledObject, name, operatorVersion))
                .withAnnotations(scaledObject.getMetadata().getAnnotations() == null
                        ? Map.of() : new LinkedHashMap<>(scaledObject.getMetadata().getAnnotations()))
                .withOwnerReferences(ownerReference(scaledObject))
                .endMetadata()
                .withNewSpec()
                .withNewScaleTargetRef()
                .withApiVersion(target.apiVersion())
                .withKind(target.kind())
                .withName(scaledObject.getSpec().scaleTargetRef().name())
                .endScaleTargetRef()
                .withMinReplicas(scaledObject.getSpec().hpaMinReplicas())
                .withMaxReplicas(scaledObject.getSpec().maxReplicaCountOrDefault())
                .withMetrics(metrics)
                .withBehavior(behavior(scaledObject))
                .endSpec()
                .build();
    }

    /**
     * With scalingModifiers and a positive target, KEDA's composite scaler: one External metric
     * {@code composite-metric} with the modifiers' target and type instead of one per trigger metric.
     */
    static List<MetricSpec> compositeOrEach(ScaledObject scaledObject, List<MetricSpec> metricSpecs) {
        ScaledObjectSpec spec = scaledObject.getSpec();
        if (!composite(spec)) {
            return metricSpecs;
        }
        long target = CompositeFormula.targetMillis(spec);
        MetricTargetType type = spec.advanced().scalingModifiers().metricType() == ScaleTrigger.MetricType.Value
                ? MetricTargetType.VALUE : MetricTargetType.AVERAGE_VALUE;
        return List.of(new MetricSpec(KedaApi.COMPOSITE_METRIC_NAME, type, new MilliValue(target)));
    }

    /** KEDA's composite scaler: scalingModifiers with a positive target. */
    private static boolean composite(ScaledObjectSpec spec) {
        return spec.usesScalingModifiers() && CompositeFormula.targetMillis(spec) > 0;
    }

    static OwnerReference ownerReference(ScaledObject scaledObject) {
        return new OwnerReferenceBuilder()
                .withApiVersion(KedaApi.API_VERSION)
                .withKind(KedaApi.SCALED_OBJECT_KIND)
                .withName(scaledObject.getMetadata().getName())
                .withUid(scaledObject.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    private static Map<String, String> labels(ScaledObject scaledObject, String hpaName, String operatorVersion) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(KedaApi.LABEL_NAME, hpaName.length() > MAX_LABEL_VALUE ? hpaName.substring(0, MAX_LABEL_VALUE) : hpaName);
        labels.put(KedaApi.LABEL_VERSION, operatorVersion);
        labels.put(KedaApi.LABEL_PART_OF, scaledObject.getMetadata().getName());
        labels.put(KedaApi.LABEL_MANAGED_BY, KedaApi.MANAGED_BY);
        Map<String, String> own = scaledObject.getMetadata().getLabels();
        if (own != null) {
            Set<String> excluded = Annotations.names(scaledObject, KedaApi.HPA_EXCLUDED_LABELS);
            own.forEach((key, value) -> {
                if (!excluded.contains(key)) {
                    labels.put(key, value);
                }
            });
        }
        return labels;
    }

    /** The advanced behavior, with scale-down or scale-up disabled by the paused-scale-in/out annotations. */
    private static HorizontalPodAutoscalerBehavior behavior(ScaledObject scaledObject) {
        Advanced advanced = scaledObject.getSpec().advanced();
        HorizontalPodAutoscalerBehavior configured = advanced == null || advanced.horizontalPodAutoscalerConfig() == null
                ? null : advanced.horizontalPodAutoscalerConfig().behavior();
        boolean noScaleIn = Annotations.bool(scaledObject, KedaApi.PAUSED_SCALE_IN);
        boolean noScaleOut = Annotations.bool(scaledObject, KedaApi.PAUSED_SCALE_OUT);
        if (!noScaleIn && !noScaleOut) {
            return configured;
        }
        var builder = configured == null ? new HorizontalPodAutoscalerBehaviorBuilder()
                : new HorizontalPodAutoscalerBehaviorBuilder(configured);
        if (noScaleIn) {
            builder.withScaleDown(disabled(configured == null ? null : configured.getScaleDown()));
        }
        if (noScaleOut) {
            builder.withScaleUp(disabled(configured == null ? null : configured.getScaleUp()));
        }
        return builder.build();
    }

    private static HPAScalingRules disabled(HPAScalingRules rules) {
        return (rules == null ? new HPAScalingRulesBuilder() : new HPAScalingRulesBuilder(rules)).withSelectPolicy(DISABLED).build();
    }
}
