package dev.tide.controller.scaling;

import dev.tide.controller.sources.Reading;
import dev.tide.controller.sources.TriggerMetric;
import dev.tide.formula.Formula;
import dev.tide.formula.FormulaException;
import dev.tide.keda.api.Advanced;
import dev.tide.keda.api.CompositeFormula;
import dev.tide.keda.api.GoFloat;
import dev.tide.keda.api.KedaApi;
import dev.tide.keda.api.ScaleTrigger;
import dev.tide.keda.api.ScaledObjectSpec;
import dev.tide.replicas.Fallback;
import dev.tide.replicas.FallbackBehavior;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.MilliValue;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * KEDA's composite scaler ({@code advanced.scalingModifiers}): the ScaledObject's trigger metrics combined by a
 * formula into the one External metric {@code composite-metric}. Compiled once when a loop registers a spec;
 * {@link #compose} is the pure decision both the scale loop and the metrics API take, in the order of KEDA's
 * {@code HandleScalingModifiers} and {@code fallback.GetMetricsWithFallback} (keda-breadth §1.5, §1.6).
 *
 * @param variableByMetric each trigger metric's variable: its trigger's name ("" for an unnamed trigger, which no
 *     formula can name); a trigger with several metrics gives its name to each, and the last one read wins, as in KEDA
 * @param target {@code scalingModifiers.target}, as the HPA's target
 * @param targetValue the same as KEDA's float64, for the fallback value when the formula gives nil
 * @param activationTarget active when the composite value is above it; 0 by default
 */
public record CompositeMetric(Formula formula, Map<String, String> variableByMetric, MetricTargetType targetType,
        MilliValue target, double targetValue, double activationTarget) {

    public static final String NAME = KedaApi.COMPOSITE_METRIC_NAME;

    /** One metric as a pass or a query found it. */
    public sealed interface Input {
    }

    /** Read without error. */
    public record Read(double value) implements Input {
    }

    /** Read without error, but the scaler returned no value: nil in the formula. */
    public record Absent() implements Input {
    }

    /** Failed, and the fallback does not apply (yet, or at all); {@code trigger} names it for the message. */
    public record Failing(String trigger, String cause) implements Input {
    }

    /** Failed more than {@code fallback.failureThreshold} times in a row. */
    public record PastThreshold() implements Input {
    }

    /** What the composite metric is this time. */
    public sealed interface Outcome {
    }

    /** The formula's value (or, when it gave nil, the fallback's), as the HPA gets it: truncated to milli units. */
    public record Value(double value) implements Outcome {

        /** The quantity served: KEDA's {@code SetMilli(int64(v*1000))}; the API serves no negative value, so 0. */
        public MilliValue served() {
            return value <= 0 ? MilliValue.ZERO : new MilliValue((long) (value * 1000));
        }
    }

    /** A trigger is past its threshold and the fallback behavior is not {@code scalingModifiers}: serve the fallback. */
    public record FallBack() implements Outcome {
    }

    /**
     * No value: a source failed below its threshold, or ({@code inFormula}) the formula failed or gave nil without a
     * fallback; {@code message} says which.
     */
    public record Failed(String message, boolean inFormula) implements Outcome {
    }

    /** The composite of a spec that uses scaling modifiers (validated), over its scalers' metrics; else empty. */
    static Optional<CompositeMetric> of(ScaledObjectSpec spec, List<TriggerMetric> metrics) {
        if (!spec.usesScalingModifiers()) {
            return Optional.empty();
        }
        Advanced.ScalingModifiers modifiers = spec.advanced().scalingModifiers();
        Formula formula = CompositeFormula.compile(spec);
        Map<String, String> variables = new LinkedHashMap<>();
        for (TriggerMetric metric : metrics) {
            variables.put(metric.metricName(), metric.config().triggerName().orElse(""));
        }
        double target = GoFloat.parse(modifiers.target()).orElseThrow();
        String activation = modifiers.activationTarget();
        double activationTarget = activation == null || activation.isEmpty() ? 0 : GoFloat.parse(activation).orElseThrow();
        MetricTargetType type = modifiers.metricType() == ScaleTrigger.MetricType.Value ? MetricTargetType.VALUE
                : MetricTargetType.AVERAGE_VALUE;
        return Optional.of(new CompositeMetric(formula, Map.copyOf(variables), type,
                new MilliValue(CompositeFormula.targetMillis(spec)), target, activationTarget));
    }

    /**
     * The composite value from every metric's input.
     *
     * <p>In KEDA's order: a metric past its threshold under a replica fallback serves the fallback whatever the
     * others say; otherwise any failing metric fails the composite; otherwise the formula runs, with a metric past its
     * threshold under the {@code scalingModifiers} behavior as nil. A nil result serves
     * {@code fallback.replicas × target}, or fails without a fallback.
     *
     * <p>Unlike KEDA, a result that is not a finite number (a division by zero, NaN) fails instead of reaching the HPA
     * as the most negative int64, which would scale the workload to its minimum.
     */
    public Outcome compose(Map<String, Input> inputs, Optional<Fallback> fallback) {
        boolean modifiersFallback = fallback.map(f -> f.behavior() == FallbackBehavior.SCALING_MODIFIERS).orElse(false);
        if (!modifiersFallback && inputs.values().stream().anyMatch(PastThreshold.class::isInstance)) {
            return new FallBack();
        }
        for (Input input : inputs.values()) {
            if (input instanceof Failing failing) {
                return new Failed("metric:" + NAME + " encountered error (" + failing.trigger() + ": " + failing.cause() + ")", false);
            }
        }
        Map<String, Double> values = new HashMap<>();
        inputs.forEach((metric, input) -> {
            String variable = variableByMetric.getOrDefault(metric, "");
            values.put(variable, input instanceof Read read ? read.value() : null);
        });
        OptionalDouble result;
        try {
            result = formula.evaluate(values);
        } catch (FormulaException e) {
            return new Failed(e.getMessage().startsWith("formula returned") ? e.getMessage()
                    : "error trying to run custom formula: " + e.getMessage(), true);
        }
        if (result.isEmpty()) {
            return fallback.<Outcome>map(f -> new Value(f.replicas() * targetValue)).orElseGet(
                    () -> new Failed("scalingModifiers formula evaluated to nil but no fallback is configured", true));
        }
        double value = result.getAsDouble();
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return new Failed("scalingModifiers formula returned " + (Double.isNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf")
                    + " (a division by zero?); the HPA is given no value rather than a wrong one", true);
        }
        // What KEDA sends is int64(value*1000) milli units, and activity is judged on that quantity.
        return new Value((long) (value * 1000) / 1000.0);
    }

    /**
     * A metric's input from its reading: a read value (the last one, when a scaler returns several, as KEDA's map
     * keeps the last), or how it failed given the failures in a row so far and the fallback.
     */
    public static Input input(Reading reading, int failures, Optional<Fallback> fallback, String trigger) {
        if (reading.ok()) {
            List<MetricValue> values = reading.values();
            return values.isEmpty() ? new Absent() : new Read(values.get(values.size() - 1).value().toDouble());
        }
        if (fallback.isPresent() && fallback.get().appliesAfter(failures)) {
            return new PastThreshold();
        }
        return new Failing(trigger, reading.describeFailure());
    }

    /** Whether a composite value makes the ScaledObject active: strictly above {@code activationTarget}. */
    public boolean active(Value value) {
        return value.value() > activationTarget;
    }

    /**
     * The value that makes the HPA arrive at the fallback's replica count ({@link FallBack}): {@code target ×
     * replicas}, divided by the ready pods for a {@code Value} target; empty when it cannot be computed.
     */
    public Optional<MilliValue> fallbackValue(Fallback fallback, OptionalInt currentReplicas) {
        if (fallback.behavior().needsCurrentReplicas() && currentReplicas.isEmpty()) {
            return Optional.empty();
        }
        int current = currentReplicas.orElse(0);
        OptionalInt replicas = fallback.replicaCount(current);
        return replicas.isEmpty() ? Optional.empty() : Fallback.metricValue(targetType, target, replicas.getAsInt(), current);
    }
}
