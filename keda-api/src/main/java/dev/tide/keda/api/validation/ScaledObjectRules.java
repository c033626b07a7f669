package dev.tide.keda.api.validation;

import dev.tide.keda.api.Advanced;
import dev.tide.keda.api.CompositeFormula;
import dev.tide.keda.api.Fallback;
import dev.tide.keda.api.GoFloat;
import dev.tide.keda.api.KedaApi;
import dev.tide.keda.api.ScaleTrigger;
import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.ScaledObjectSpec;
import dev.tide.keda.api.SpecValidator;
import dev.tide.formula.FormulaException;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The rules a ScaledObject is checked by on its own, without other objects: Tide's bounds and names
 * ({@link SpecValidator}), KEDA's {@code verifyReplicaCount}, {@code verifyName}, {@code verifyFallback},
 * {@code verifyTriggers} and the scaling-modifier checks, the HPA behavior bounds KEDA's CRD schema sets, and KEDA's
 * two warnings.
 */
final class ScaledObjectRules {

    /** KEDA's {@code maxK8sLabelValueLength}: the ScaledObject's name is a label value, the HPA's is a name. */
    static final int MAX_NAME = 63;
    /** The HPA API's bound on {@code stabilizationWindowSeconds}, which KEDA's CRD copies. */
    static final int MAX_STABILIZATION_WINDOW = 3600;
    /** The HPA API's bound on a scaling policy's {@code periodSeconds}. */
    static final int MAX_POLICY_PERIOD = 1800;

    private static final Set<String> NO_CACHED_METRICS = Set.of("cpu", "memory", "cron");
    private static final String MODIFIERS = "spec.advanced.scalingModifiers";

    private ScaledObjectRules() {
    }

    static void check(ScaledObject scaledObject, Findings findings) {
        ScaledObjectSpec spec = scaledObject.getSpec();
        for (SpecValidator.Problem problem : SpecValidator.problems(spec)) {
            findings.error(new Finding(problem.field(), problem.message(),
                    problem.wording() == SpecValidator.Wording.KEDA ? "incorrect-replicas" : "invalid-spec",
                    problem.wording() == SpecValidator.Wording.KEDA));
        }
        if (spec == null) {
            return;
        }
        name(scaledObject, findings);
        fallback(spec, findings);
        triggers(spec.triggers(), findings);
        scalingModifiers(spec, findings);
        behavior(spec.advanced(), findings);
        warnings(spec, findings);
    }

    private static void name(ScaledObject scaledObject, Findings findings) {
        String name = scaledObject.getMetadata().getName();
        if (name == null) {
            return;
        }
        if (name.length() > MAX_NAME) {
            findings.error(Finding.keda("metadata.name", "name-too-long", "scaledobject name \"%s\" is %d characters long; must be no more than %d characters because it is used as the \"%s\" label value"
                    .formatted(name, name.length(), MAX_NAME, KedaApi.SCALED_OBJECT_NAME_LABEL)));
            return;
        }
        String hpaName = KedaApi.hpaName(scaledObject);
        if (hpaName.length() > MAX_NAME) {
            findings.error(Finding.keda("spec.advanced.horizontalPodAutoscalerConfig.name", "hpa-name-too-long",
                    ("HPA name \"%s\" derived from scaledobject is %d characters long; must be no more than %d characters; set"
                            + " spec.advanced.horizontalPodAutoscalerConfig.name to a shorter name or shorten the scaledobject name")
                            .formatted(hpaName, hpaName.length(), MAX_NAME)));
        }
    }

    /** KEDA's {@code CheckFallbackValid}. */
    private static void fallback(ScaledObjectSpec spec, Findings findings) {
        Fallback fallback = spec.fallback();
        if (fallback == null) {
            return;
        }
        int threshold = fallback.failureThreshold() == null ? 0 : fallback.failureThreshold();
        int replicas = fallback.replicas() == null ? 0 : fallback.replicas();
        if (threshold < 0 || replicas < 0) {
            findings.error(Finding.keda("spec.fallback", "incorrect-fallback",
                    "FailureThreshold=%d & Replicas=%d must both be greater than or equal to 0".formatted(threshold, replicas)));
            return;
        }
        if (!spec.usesScalingModifiers() && spec.triggers().stream().allMatch(t -> t == null || t.cpuOrMemory())) {
            findings.error(Finding.keda("spec.fallback", "incorrect-fallback",
                    "at least one trigger (that is not cpu or memory) has to have the `AverageValue` type for the fallback to be enabled"));
        }
    }

    /** KEDA's {@code ValidateTriggers}, plus: Utilization is for cpu and memory only. */
    static void triggers(List<ScaleTrigger> triggers, Findings findings) {
        if (triggers.isEmpty()) {
            findings.error(Finding.keda("spec.triggers", "incorrect-triggers", "no triggers defined in the ScaledObject/ScaledJob"));
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < triggers.size(); i++) {
            ScaleTrigger trigger = triggers.get(i);
            if (trigger == null) {
                continue;
            }
            String field = SpecValidator.triggerField(i, trigger);
            if (Boolean.TRUE.equals(trigger.useCachedMetrics()) && NO_CACHED_METRICS.contains(trigger.type())) {
                findings.error(Finding.keda(field + ".useCachedMetrics", "incorrect-triggers",
                        "property \"useCachedMetrics\" is not supported for \"" + trigger.type() + "\" scaler"));
            }
            if (trigger.name() != null && !trigger.name().isEmpty() && !names.add(trigger.name())) {
                findings.error(Finding.keda(field + ".name", "incorrect-triggers", "triggerName \"" + trigger.name()
                        + "\" is defined multiple times in the ScaledObject/ScaledJob, but it must be unique"));
            }
            if (trigger.metricType() == ScaleTrigger.MetricType.Utilization && !trigger.cpuOrMemory()) {
                findings.error(Finding.keda(field + ".metricType", "incorrect-triggers",
                        "'Utilization' metric type is unsupported for external metrics"));
            }
        }
    }

    /**
     * KEDA's {@code ValidateAndCompileScalingModifiers} and its fallback rule: the formula (after KEDA's float
     * rewrite) compiles and runs once over the named triggers, then the target is a positive number and the metric
     * type one an External metric allows. Tide also checks {@code activationTarget} here, which KEDA only parses on
     * every pass of the scale loop (failing each pass when it is not a number).
     */
    private static void scalingModifiers(ScaledObjectSpec spec, Findings findings) {
        Advanced.ScalingModifiers modifiers = spec.advanced() == null ? null : spec.advanced().scalingModifiers();
        boolean fallbackOnModifiers = spec.fallback() != null && spec.fallback().behavior() == Fallback.Behavior.SCALING_MODIFIERS;
        if (!spec.usesScalingModifiers()) {
            if (fallbackOnModifiers) {
                findings.error(Finding.keda("spec.fallback.behavior", "scaling-modifiers-fallback",
                        "scalingModifiers fallback behavior requires scalingModifiers.formula to be defined"));
            }
            return;
        }
        if (empty(modifiers.formula())) {
            findings.error(Finding.keda(MODIFIERS + ".formula", "scaling-modifiers", "error ScalingModifiers.Formula is mandatory"));
        } else if (empty(modifiers.target())) {
            findings.error(Finding.keda(MODIFIERS + ".target", "scaling-modifiers",
                    "error validating formula in ScalingModifiers\nformula is given but target is empty"));
        } else if (formula(spec, findings)) {
            target(modifiers, findings);
        }
        if (fallbackOnModifiers && empty(modifiers.formula())) {
            findings.error(Finding.keda("spec.fallback.behavior", "scaling-modifiers-fallback",
                    "scalingModifiers fallback behavior requires scalingModifiers.formula to be defined"));
        }
        String activation = modifiers.activationTarget();
        if (!empty(activation) && GoFloat.parse(activation).isEmpty()) {
            findings.error(Finding.tide(MODIFIERS + ".activationTarget", "scaling-modifiers",
                    "must be a number, got \"" + activation + "\" (" + GoFloat.error(activation) + ")"));
        }
    }

    /** KEDA's {@code validateScalingModifiersFormula}: true when the formula compiles and survives a dry run. */
    private static boolean formula(ScaledObjectSpec spec, Findings findings) {
        try {
            CompositeFormula.compile(spec);
            return true;
        } catch (FormulaException e) {
            findings.error(Finding.keda(MODIFIERS + ".formula", "scaling-modifiers",
                    "error validating formula in ScalingModifiers\n" + e.getMessage()));
            return false;
        }
    }

    private static void target(Advanced.ScalingModifiers modifiers, Findings findings) {
        String problem = null;
        OptionalDouble target = GoFloat.parse(modifiers.target());
        if (target.isEmpty()) {
            problem = "error converting target for scalingModifiers (string->float) to valid target: " + GoFloat.error(modifiers.target());
        } else if (!(target.getAsDouble() > 0)) {
            problem = "error converting target for scalingModifiers (string->float) to valid target: %!w(<nil>)";
        } else if (modifiers.metricType() == ScaleTrigger.MetricType.Utilization) {
            problem = "error trigger type is Utilization, but it needs to be AverageValue or Value for external metrics";
        }
        if (problem != null) {
            findings.error(Finding.keda(MODIFIERS + ".target", "scaling-modifiers", "error validating target in ScalingModifiers\n" + problem));
        }
    }

    /** The bounds of {@code autoscaling/v2} behavior, which KEDA's CRD schema enforces and Tide's checks here. */
    private static void behavior(Advanced advanced, Findings findings) {
        HorizontalPodAutoscalerBehavior behavior = advanced == null || advanced.horizontalPodAutoscalerConfig() == null ? null
                : advanced.horizontalPodAutoscalerConfig().behavior();
        if (behavior == null) {
            return;
        }
        String field = "spec.advanced.horizontalPodAutoscalerConfig.behavior.";
        rules(behavior.getScaleUp(), field + "scaleUp", findings);
        rules(behavior.getScaleDown(), field + "scaleDown", findings);
    }

    private static void rules(HPAScalingRules rules, String field, Findings findings) {
        if (rules == null) {
            return;
        }
        Integer window = rules.getStabilizationWindowSeconds();
        if (window != null && (window < 0 || window > MAX_STABILIZATION_WINDOW)) {
            findings.error(Finding.tide(field + ".stabilizationWindowSeconds", "invalid-spec",
                    "must be between 0 and " + MAX_STABILIZATION_WINDOW + ", got " + window));
        }
        if (rules.getSelectPolicy() != null && !Set.of("Max", "Min", "Disabled").contains(rules.getSelectPolicy())) {
            findings.error(Finding.tide(field + ".selectPolicy", "invalid-spec",
                    "\"" + rules.getSelectPolicy() + "\" must be one of Max, Min, Disabled"));
        }
        List<HPAScalingPolicy> policies = rules.getPolicies() == null ? List.of() : rules.getPolicies();
        for (int i = 0; i < policies.size(); i++) {
            HPAScalingPolicy policy = policies.get(i);
            String at = field + ".policies[" + i + "]";
            if (policy == null) {
                continue;
            }
            if (!"Pods".equals(policy.getType()) && !"Percent".equals(policy.getType())) {
                findings.error(Finding.tide(at + ".type", "invalid-spec", "\"" + policy.getType() + "\" must be Pods or Percent"));
            }
            if (policy.getValue() == null || policy.getValue() <= 0) {
                findings.error(Finding.tide(at + ".value", "invalid-spec", "must be greater than 0, got " + policy.getValue()));
            }
            if (policy.getPeriodSeconds() == null || policy.getPeriodSeconds() <= 0 || policy.getPeriodSeconds() > MAX_POLICY_PERIOD) {
                findings.error(Finding.tide(at + ".periodSeconds", "invalid-spec",
                        "must be between 1 and " + MAX_POLICY_PERIOD + ", got " + policy.getPeriodSeconds()));
            }
        }
    }

    /** KEDA's two warnings from {@code verifyScaledObjects}: settings that have no effect as written. */
    private static void warnings(ScaledObjectSpec spec, Findings findings) {
        int min = spec.minReplicaCount() == null ? 0 : spec.minReplicaCount();
        boolean idleModeDisabled = spec.idleReplicaCount() == null;
        boolean cachedMetrics = spec.triggers().stream().anyMatch(t -> t != null && Boolean.TRUE.equals(t.useCachedMetrics()));
        if (spec.pollingInterval() != null && min > 0 && idleModeDisabled && !cachedMetrics) {
            findings.warning(Finding.keda("spec.pollingInterval", "", "PollingInterval is configured but is not relevant."
                    + " PollingInterval is only relevant when minReplicaCount = 0, idleReplicaCount is set, or useCachedMetrics is enabled"));
        }
        if (spec.cooldownPeriod() != null && min > 0 && idleModeDisabled) {
            findings.warning(Finding.keda("spec.cooldownPeriod", "", "CooldownPeriod is configured but is not relevant."
                    + " CooldownPeriod is only relevant when minReplicaCount = 0 or idleReplicaCount is set"));
        }
    }

    static boolean cpuOrMemory(ScaleTrigger trigger) {
        return trigger != null && trigger.cpuOrMemory();
    }

    private static boolean empty(String value) {
        return value == null || value.isEmpty();
    }
}
