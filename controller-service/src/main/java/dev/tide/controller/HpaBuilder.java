package dev.tide.controller;

import dev.tide.controller.crd.Advanced;
import dev.tide.controller.crd.GroupVersionKindResource;
import dev.tide.controller.crd.KedaApi;
import dev.tide.controller.crd.ScaledObject;
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
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The HPA a ScaledObject asks for (KEDA {@code hpa.go}), as a pure function of the ScaledObject, its target and
 * its scalers' metric specs.
 */
final class HpaBuilder {

    static final String DEFAULT_NAME_PREFIX = "keda-hpa-";
    static final String LABEL_NAME = "app.kubernetes.io/name";
    static final String LABEL_VERSION = "app.kubernetes.io/version";
    static final String LABEL_PART_OF = "app.kubernetes.io/part-of";
    static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
    /** KEDA's value, kept so that selectors and dashboards written for KEDA's HPAs still match. */
    static final String MANAGED_BY = "keda-operator";
    static final String DISABLED = "Disabled";
    /** The one External metric that replaces the triggers' when {@code advanced.scalingModifiers} is used. */
    static final String COMPOSITE_METRIC = "composite-metric";
    private static final int MAX_LABEL_VALUE = 63;

    private HpaBuilder() {
    }

    /** {@code advanced.horizontalPodAutoscalerConfig.name}, else {@code keda-hpa-<name>}. */
    static String hpaName(ScaledObject scaledObject) {
        Advanced advanced = scaledObject.getSpec().advanced();
        if (advanced != null && advanced.horizontalPodAutoscalerConfig() != null) {
            String name = advanced.horizontalPodAutoscalerConfig().name();
            if (name != null && !name.isBlank()) {
                return name;
            }
        }
        return DEFAULT_NAME_PREFIX + scaledObject.getMetadata().getName();
    }

    static HorizontalPodAutoscaler build(ScaledObject scaledObject, GroupVersionKindResource target,
            List<MetricSpec> metricSpecs, String operatorVersion) {
        String name = hpaName(scaledObject);
        String soName = scaledObject.getMetadata().getName();
        Set<String> seen = new HashSet<>();
        for (MetricSpec spec : metricSpecs) {
            if (!seen.add(spec.metricName())) {
                throw new CheckFailedException(CheckFailedException.HPA, "metricName " + spec.metricName() + " defined multiple times");
            }
        }
        if (metricSpecs.isEmpty()) {
            throw new CheckFailedException(CheckFailedException.HPA, "Scalers may be unreachable, will retry");
        }
        var metrics = effectiveMetrics(scaledObject, metricSpecs).stream().map(spec -> {
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
     * The triggers' metrics, or KEDA's single {@code composite-metric} when a scaling-modifiers formula combines
     * them (the formula itself is evaluated by the scale loop).
     */
    static List<MetricSpec> effectiveMetrics(ScaledObject scaledObject, List<MetricSpec> metricSpecs) {
        return compositeMetric(scaledObject).map(List::of).orElse(metricSpecs);
    }

    /** The composite metric of {@code advanced.scalingModifiers}; a check failure when the block is invalid. */
    static Optional<MetricSpec> compositeMetric(ScaledObject scaledObject) {
        Advanced advanced = scaledObject.getSpec().advanced();
        if (advanced == null || advanced.scalingModifiers() == null || advanced.scalingModifiers().formula() == null
                || advanced.scalingModifiers().formula().isBlank()) {
            return Optional.empty();
        }
        var modifiers = advanced.scalingModifiers();
        String problem = "error validating formula in ScalingModifiers: ";
        if (modifiers.target() == null || modifiers.target().isBlank()) {
            throw new CheckFailedException(CheckFailedException.HPA, problem + "target is required");
        }
        double target;
        try {
            target = Double.parseDouble(modifiers.target());
        } catch (NumberFormatException e) {
            throw new CheckFailedException(CheckFailedException.HPA, problem + "target \"" + modifiers.target() + "\" is not a number");
        }
        if (target <= 0) {
            throw new CheckFailedException(CheckFailedException.HPA, problem + "target must be greater than 0");
        }
        MetricTargetType type = modifiers.metricType() == null ? MetricTargetType.AVERAGE_VALUE : switch (modifiers.metricType()) {
            case AverageValue -> MetricTargetType.AVERAGE_VALUE;
            case Value -> MetricTargetType.VALUE;
            case Utilization -> throw new CheckFailedException(CheckFailedException.HPA,
                    problem + "'Utilization' metric type is unsupported for scaling modifiers");
        };
        return Optional.of(new MetricSpec(COMPOSITE_METRIC, type, MilliValue.of(target)));
    }

    static OwnerReference ownerReference(ScaledObject scaledObject) {
        return new OwnerReferenceBuilder()
                .withApiVersion(KedaApi.API_VERSION)
                .withKind("ScaledObject")
                .withName(scaledObject.getMetadata().getName())
                .withUid(scaledObject.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    private static Map<String, String> labels(ScaledObject scaledObject, String hpaName, String operatorVersion) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_NAME, hpaName.length() > MAX_LABEL_VALUE ? hpaName.substring(0, MAX_LABEL_VALUE) : hpaName);
        labels.put(LABEL_VERSION, operatorVersion);
        labels.put(LABEL_PART_OF, scaledObject.getMetadata().getName());
        labels.put(LABEL_MANAGED_BY, MANAGED_BY);
        Map<String, String> own = scaledObject.getMetadata().getLabels();
        if (own != null) {
            Set<String> excluded = excludedLabels(scaledObject);
            own.forEach((key, value) -> {
                if (!excluded.contains(key)) {
                    labels.put(key, value);
                }
            });
        }
        return labels;
    }

    private static Set<String> excludedLabels(ScaledObject scaledObject) {
        Map<String, String> annotations = scaledObject.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(KedaApi.HPA_EXCLUDED_LABELS);
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        Set<String> keys = new HashSet<>();
        Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(keys::add);
        return keys;
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
