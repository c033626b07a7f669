package dev.tide.admission;

import dev.tide.keda.api.ScaleTrigger;
import dev.tide.keda.api.validation.Finding;
import dev.tide.keda.api.validation.TriggerParameters;
import dev.tide.keda.api.validation.Verdict;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerCheck;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.params.Source;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Each trigger's metadata through its plugin's {@link ScalerFactory#validate}, offline: the TriggerAuthentication's
 * parameters (when the trigger has one) and the target's environment are unknown here, so values that may come from
 * them are not asked for. A plugin that fails while checking costs a warning, never a refusal: its scaler build will
 * say what is wrong.
 */
public final class PluginParameters implements TriggerParameters {

    static final String REASON = "invalid-trigger-metadata";

    private final Function<String, Optional<ScalerFactory>> factories;
    private final Supplier<Collection<String>> types;

    public PluginParameters(Function<String, Optional<ScalerFactory>> factories, Supplier<Collection<String>> types) {
        this.factories = factories;
        this.types = types;
    }

    @Override
    public Verdict check(int index, ScaleTrigger trigger, String field) {
        if (trigger == null || trigger.type() == null) {
            return Verdict.ALLOWED;
        }
        Optional<ScalerFactory> factory = factories.apply(trigger.type());
        if (factory.isEmpty()) {
            return new Verdict(List.of(Finding.tide(field + ".type", "incorrect-triggers", "no scaler found for type: "
                    + trigger.type() + " (known types: " + String.join(", ", types.get()) + ")")), List.of());
        }
        Set<Source> unresolved = trigger.authenticationRef() == null ? EnumSet.of(Source.RESOLVED_ENV)
                : EnumSet.of(Source.RESOLVED_ENV, Source.AUTH_PARAMS);
        TriggerCheck check;
        try {
            check = factory.get().validate(config(index, trigger), unresolved);
        } catch (RuntimeException | LinkageError e) {
            return new Verdict(List.of(), List.of(Finding.tide(field + ".metadata", REASON, "the " + trigger.type()
                    + " plugin failed to check its parameters (" + e.getClass().getSimpleName()
                    + "); they are checked again when its scaler is built")));
        }
        return new Verdict(findings(check.errors(), field), findings(check.warnings(), field));
    }

    private static List<Finding> findings(List<TriggerCheck.Issue> issues, String field) {
        return issues.stream()
                .map(issue -> Finding.tide(issue.parameter() == null ? field + ".metadata" : field + ".metadata." + issue.parameter(),
                        REASON, issue.message()))
                .toList();
    }

    private static TriggerConfig config(int index, ScaleTrigger trigger) {
        return TriggerConfig.builder(trigger.type())
                .triggerIndex(index)
                .triggerName(trigger.name())
                .metadata(trigger.metadata())
                .metricType(metricType(trigger.metricType()))
                .useCachedMetrics(Boolean.TRUE.equals(trigger.useCachedMetrics()))
                .build();
    }

    /** KEDA's spelling of a metric type as the SPI's; null stays null (the scaler's default). */
    public static MetricTargetType metricType(ScaleTrigger.MetricType type) {
        return type == null ? null : switch (type) {
            case AverageValue -> MetricTargetType.AVERAGE_VALUE;
            case Value -> MetricTargetType.VALUE;
            case Utilization -> MetricTargetType.UTILIZATION;
        };
    }
}
