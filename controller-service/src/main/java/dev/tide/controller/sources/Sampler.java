package dev.tide.controller.sources;

import dev.tide.controller.observability.ScalingMetrics;
import dev.tide.scaler.api.MetricSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Reads trigger metrics through their source's guard and records KEDA's per-trigger series. The scale loops and
 * the metrics API both read through here, so every read is guarded and counted the same way.
 */
public final class Sampler {

    private final SourceGuards guards;
    private final ScalingMetrics metrics;
    private final Clock clock;

    public Sampler(SourceGuards guards, ScalingMetrics metrics, Clock clock) {
        this.guards = guards;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * The metrics of a ScaledJob's scalers, with their meters looked up once and in the registry at once, and their
     * guards (whose instances a source connection gets on its first read).
     */
    public List<TriggerMetric> metrics(ScalerCache.Entry scalers, boolean withActivity) {
        return metrics(scalers, labels -> this.metrics.triggerMeters(labels, withActivity));
    }

    /**
     * The metrics of a ScaledObject's scalers, with their guards (instances made on the first read) and the meters
     * its loop holds: those of {@code previous} (the loop's metrics before this registration) for the same series, new
     * detached ones for the others.
     *
     * @param withActivity false when the ScaledObject uses scalingModifiers: only the composite reports activity
     */
    public List<TriggerMetric> metrics(ScalerCache.Entry scalers, boolean withActivity, List<TriggerMetric> previous) {
        return metrics(scalers, labels -> previous.stream().map(TriggerMetric::meters)
                .filter(meters -> meters.sameSeries(labels, withActivity)).findFirst()
                .orElseGet(() -> this.metrics.loopTriggerMeters(labels, withActivity)));
    }

    private List<TriggerMetric> metrics(ScalerCache.Entry scalers, Function<ScalingMetrics.TriggerLabels, ScalingMetrics.TriggerMeters> meters) {
        List<TriggerMetric> metrics = new ArrayList<>();
        for (ScalerCache.BuiltTrigger trigger : scalers.triggers()) {
            SourceGuards.Guard guard = guards.guard(trigger.connection());
            for (MetricSpec spec : trigger.metricSpecs()) {
                metrics.add(new TriggerMetric(trigger.config(), trigger.scaler(), spec, guard,
                        meters.apply(ScalingMetrics.TriggerLabels.of(trigger.config(), spec))));
            }
        }
        return List.copyOf(metrics);
    }

    /** One guarded read; never fails: a failure becomes a {@link Reading} with its cause. */
    public CompletableFuture<Reading> read(TriggerMetric metric) {
        long start = System.nanoTime();
        String metricName = metric.metricName();
        ScalingMetrics.TriggerMeters meters = metric.meters();
        return guards.sample(metric.guard(), metric.config(), metric.scaler(), metricName).handle((sample, failure) -> {
            meters.latency(Duration.ofNanos(System.nanoTime() - start));
            if (failure != null) {
                meters.error();
                return Reading.failed(metricName, clock.instant(), FailureCause.describe(failure, metric.config()),
                        FailureCause.refused(failure));
            }
            if (!sample.values().isEmpty()) {
                meters.value(sample.values().get(0).value().toDouble());
            }
            meters.active(sample.active());
            return Reading.ok(metricName, sample.values(), sample.active(), clock.instant());
        });
    }

    /** One guarded read of each metric, started in order; the reads of scalers that answer from memory are done on return. */
    @SuppressWarnings("unchecked")
    public CompletableFuture<Reading>[] readAll(List<TriggerMetric> metrics) {
        CompletableFuture<Reading>[] reads = new CompletableFuture[metrics.size()];
        for (int i = 0; i < reads.length; i++) {
            reads[i] = read(metrics.get(i));
        }
        return reads;
    }

    /** Whether every read is already complete, so that the pass can end on this thread. */
    public static boolean allDone(CompletableFuture<Reading>[] reads) {
        for (CompletableFuture<Reading> read : reads) {
            if (!read.isDone()) {
                return false;
            }
        }
        return true;
    }
}
