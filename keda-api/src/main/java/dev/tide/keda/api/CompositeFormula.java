package dev.tide.keda.api;

import dev.tide.formula.Formula;
import dev.tide.formula.FormulaException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The formula of {@code advanced.scalingModifiers} as KEDA prepares it, in one place for the validator and the
 * controller: rewritten by KEDA's {@code castToFloatIfNecessary}, compiled over the named triggers and run once with
 * each at -1 ({@code validateScalingModifiersFormula}).
 */
public final class CompositeFormula {

    private CompositeFormula() {
    }

    /**
     * Compiles {@code spec.advanced.scalingModifiers.formula}.
     *
     * @throws FormulaException with expr-lang's message, which KEDA prefixes with
     *     {@code error validating formula in ScalingModifiers}
     */
    public static Formula compile(ScaledObjectSpec spec) {
        String formula = spec.advanced().scalingModifiers().formula();
        return Formula.compileAndDryRun(Formula.kedaRewrite(formula), variables(spec.triggers()));
    }

    /** The names a formula may use: every named trigger but cpu and memory (KEDA's compile environment). */
    public static Set<String> variables(List<ScaleTrigger> triggers) {
        Set<String> names = new HashSet<>();
        for (ScaleTrigger trigger : triggers) {
            if (trigger != null && !trigger.cpuOrMemory() && trigger.name() != null && !trigger.name().isEmpty()) {
                names.add(trigger.name());
            }
        }
        return names;
    }

    /**
     * {@code scalingModifiers.target} in milli units, truncated as KEDA's {@code NewMilliQuantity(int64(target*1000))}
     * truncates; 0 when it is not a positive number (then KEDA gives the HPA no composite metric).
     */
    public static long targetMillis(ScaledObjectSpec spec) {
        Advanced.ScalingModifiers modifiers = spec.advanced() == null ? null : spec.advanced().scalingModifiers();
        double target = modifiers == null ? 0 : GoFloat.parse(modifiers.target()).orElse(0);
        return target > 0 ? (long) (target * 1000) : 0;
    }
}
