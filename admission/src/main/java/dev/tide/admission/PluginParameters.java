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
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Each trigger's metadata through its plugin's {@link ScalerFactory#validate}, offline: the TriggerAuthentication's
 * parameters (when the trigger has one) and the target's environment are unknown here, so values that may come from
 * them are not asked for. A plugin that fails while checking, or does not answer in time, costs a warning, never a
 * refusal: its scaler build will say what is wrong. Plugins are called on their own threads with a deadline, so a
 * plugin that hangs never holds a webhook or reconcile thread; while one of its checks is overdue, its triggers are
 * not checked at all.
 */
public final class PluginParameters implements TriggerParameters {

    static final String REASON = "invalid-trigger-metadata";
    /** For tools without a pool of their own: a plugin that hangs keeps a daemon thread, never the caller's. */
    private static final Executor OWN_THREADS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tide-plugin-check");
        thread.setDaemon(true);
        return thread;
    });

    private final Function<String, Optional<ScalerFactory>> factories;
    private final Supplier<Collection<String>> types;
    private final Executor pluginCalls;
    private final Duration timeout;
    private final Map<String, CompletableFuture<TriggerCheck>> overdue = new ConcurrentHashMap<>();

    /** Plugin checks on daemon threads of this class's own, 5 s each at most. */
    public PluginParameters(Function<String, Optional<ScalerFactory>> factories, Supplier<Collection<String>> types) {
        this(factories, types, OWN_THREADS, Duration.ofSeconds(5));
    }

    /**
     * @param pluginCalls where plugin code runs; it must not queue (a hanging check would hold the ones behind it)
     * @param timeout how long one check may take
     */
    public PluginParameters(Function<String, Optional<ScalerFactory>> factories, Supplier<Collection<String>> types,
            Executor pluginCalls, Duration timeout) {
        this.factories = factories;
        this.types = types;
        this.pluginCalls = pluginCalls;
        this.timeout = timeout;
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
        String type = trigger.type();
        CompletableFuture<TriggerCheck> earlier = overdue.get(type);
        if (earlier != null && !earlier.isDone()) {
            return notChecked(type, field, "is still busy with an earlier check");
        }
        TriggerConfig config = config(index, trigger);
        CompletableFuture<TriggerCheck> call;
        try {
            call = CompletableFuture.supplyAsync(() -> factory.get().validate(config, unresolved), pluginCalls);
        } catch (RejectedExecutionException e) {
            return notChecked(type, field, "could not be called (no thread free)");
        }
        TriggerCheck check;
        try {
            check = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            overdue.put(type, call);
            call.whenComplete((result, error) -> overdue.remove(type, call));
            return notChecked(type, field, "did not answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return notChecked(type, field, "failed (" + e.getCause().getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return notChecked(type, field, "was interrupted");
        }
        return new Verdict(findings(check.errors(), field), findings(check.warnings(), field));
    }

    private static Verdict notChecked(String type, String field, String what) {
        return new Verdict(List.of(), List.of(Finding.tide(field + ".metadata", REASON, "the " + type + " plugin's check of its"
                + " parameters " + what + "; they are checked again when its scaler is built")));
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
