package dev.tide.keda.api.validation;

import dev.tide.keda.api.GoFloat;
import dev.tide.keda.api.ScaleTrigger;
import dev.tide.keda.api.ScaledJobSpec;
import dev.tide.keda.api.SpecValidator;
import java.util.List;

/**
 * The rules a ScaledJob is checked by: Tide's bounds and names ({@link SpecValidator}), KEDA's webhook rule (its
 * triggers, {@code verifyTriggers}), the reconciler's refusal of a trigger {@code metricType}, and a warning for a
 * {@code custom} strategy whose percentage KEDA would silently ignore.
 */
final class ScaledJobRules {

    private ScaledJobRules() {
    }

    static void check(ScaledJobSpec spec, Findings findings) {
        for (SpecValidator.Problem problem : SpecValidator.problems(spec)) {
            findings.error(new Finding(problem.field(), problem.message(), "invalid-spec", false));
        }
        if (spec == null) {
            return;
        }
        ScaledObjectRules.triggers(spec.triggers(), findings);
        metricTypes(spec.triggers(), findings);
        cachedMetrics(spec.triggers(), findings);
        customPercentage(spec.scalingStrategy(), findings);
    }

    /** KEDA refuses it when it reconciles ({@code scaledjob_controller.go}); Tide refuses it at admission too. */
    private static void metricTypes(List<ScaleTrigger> triggers, Findings findings) {
        for (int i = 0; i < triggers.size(); i++) {
            ScaleTrigger trigger = triggers.get(i);
            if (trigger != null && trigger.metricType() != null) {
                findings.error(Finding.keda(SpecValidator.triggerField(i, trigger) + ".metricType", "incorrect-triggers",
                        "Cannot set metricType in ScaledJob triggers: metricType is set in one of the ScaledJob scaler"));
            }
        }
    }

    /** KEDA only logs that {@code useCachedMetrics} means nothing for a ScaledJob; Tide tells the user. */
    private static void cachedMetrics(List<ScaleTrigger> triggers, Findings findings) {
        for (int i = 0; i < triggers.size(); i++) {
            ScaleTrigger trigger = triggers.get(i);
            if (trigger != null && Boolean.TRUE.equals(trigger.useCachedMetrics())) {
                findings.warning(Finding.tide(SpecValidator.triggerField(i, trigger) + ".useCachedMetrics", "incorrect-triggers",
                        "is not supported for ScaledJobs and is ignored: every pass reads the source"));
            }
        }
    }

    /** KEDA falls back to the default strategy without a word when the percentage is not a number. */
    private static void customPercentage(ScaledJobSpec.ScalingStrategy strategy, Findings findings) {
        if (strategy == null || strategy.strategy() != ScaledJobSpec.ScalingStrategy.Strategy.CUSTOM) {
            return;
        }
        String percentage = strategy.customScalingRunningJobPercentage();
        if (percentage == null || percentage.isEmpty() || GoFloat.parse(percentage).isEmpty()) {
            findings.warning(Finding.tide("spec.scalingStrategy.customScalingRunningJobPercentage", "scaling-strategy",
                    (percentage == null || percentage.isEmpty() ? "is not set" : "\"" + percentage + "\" is not a number")
                            + ", so the custom strategy is not used: Jobs are started by the default strategy, as in KEDA"));
        }
    }
}
