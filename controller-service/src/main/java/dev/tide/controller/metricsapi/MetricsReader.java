package dev.tide.controller.metricsapi;

import dev.tide.controller.kube.ObjectKey;
import dev.tide.controller.scaling.CompositeMetric;
import dev.tide.controller.scaling.PublishedMetrics;
import dev.tide.controller.scaling.ScaledObjectMetrics;
import dev.tide.controller.sharding.MemberView;
import dev.tide.controller.sharding.Ownership;
import dev.tide.controller.sources.FailureCause;
import dev.tide.controller.sources.Reading;
import dev.tide.controller.sources.Sampler;
import dev.tide.controller.sources.TriggerMetric;
import dev.tide.replicas.Fallback;
import dev.tide.scaler.api.MilliValue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers the metrics service (docs/internal-metrics-api.md, KEDA's {@code GetScaledObjectMetrics}) from the
 * snapshot the scale loops publish: the last poll for {@code useCachedMetrics} triggers, otherwise a live read
 * through the {@link Sampler}, with identical concurrent reads collapsed into one (single flight). Fallback applies
 * per metric once it has failed more than {@code failureThreshold} times in a row; a failure without fallback is
 * {@code SourceUnavailable}, never a value of 0. With scalingModifiers, {@code composite-metric} is the formula over
 * every trigger metric ({@link CompositeMetric}).
 */
final class MetricsReader {

    /** The outcome, one case per row of the API page. */
    sealed interface Answer {
    }

    record Values(String namespace, String scaledObject, String metricName, List<Value> values, boolean fromLastPoll,
            boolean fallback) implements Answer {
    }

    record Value(String metricName, String value, String timestamp) {
    }

    /** {@code owner}: when sharded, the replica that drives the ScaledObject (a hint for the metrics service). */
    record Failure(int status, String reason, String message, Optional<String> owner) implements Answer {

        Failure(int status, String reason, String message) {
            this(status, reason, message, Optional.empty());
        }
    }

    static final String SCALED_OBJECT_NOT_FOUND = "ScaledObjectNotFound";
    static final String METRIC_NOT_FOUND = "MetricNotFound";
    static final String NOT_LEADER = "NotLeader";
    static final String NOT_OWNER = "NotOwner";
    static final String SOURCE_UNAVAILABLE = "SourceUnavailable";
    static final String INTERNAL_ERROR = "InternalError";

    private final PublishedMetrics published;
    private final Sampler sampler;
    private final Ownership ownership;
    private final Map<String, CompletableFuture<Reading>> inFlight = new ConcurrentHashMap<>();

    MetricsReader(PublishedMetrics published, Sampler sampler, Ownership ownership) {
        this.published = published;
        this.sampler = sampler;
        this.ownership = ownership;
    }

    Answer read(String namespace, String name, String metricName) {
        ObjectKey key = new ObjectKey(namespace, name);
        Optional<MemberView.Decision> shard = ownership.decide(key);
        if (shard.isPresent() && !(published.leading() && shard.get().drives())) {
            Optional<String> owner = shard.get().owner();
            return new Failure(503, NOT_OWNER, "this controller replica does not drive ScaledObject " + key + " ("
                    + shard.get().verdict().name().toLowerCase(java.util.Locale.ROOT) + "); "
                    + owner.map(o -> "ask " + o).orElse("no member is known yet"), owner);
        }
        if (!published.leading()) {
            return new Failure(503, NOT_LEADER, "this controller replica is a standby; ask the leader");
        }
        Optional<ScaledObjectMetrics> found = published.find(key);
        if (found.isEmpty()) {
            return new Failure(404, SCALED_OBJECT_NOT_FOUND, "ScaledObject " + namespace + "/" + name + " is not being scaled");
        }
        ScaledObjectMetrics object = found.get();
        if (object.composite().isPresent() && CompositeMetric.NAME.equalsIgnoreCase(metricName)) {
            return composite(namespace, name, object, object.composite().get());
        }
        Optional<TriggerMetric> metric = object.metric(metricName);
        if (metric.isEmpty()) {
            return new Failure(404, METRIC_NOT_FOUND, "ScaledObject " + namespace + "/" + name + " has no metric " + metricName);
        }
        Optional<Reading> last = cachedReading(object, metric.get());
        Reading reading = last.orElseGet(() -> counted(object, live(namespace, name, metric.get()).join()));
        if (reading.ok()) {
            return new Values(namespace, name, metricName, reading.values().stream()
                    .map(v -> value(v.metricName(), v.value(), reading.timestamp())).toList(), last.isPresent(), false);
        }
        Optional<Fallback> fallback = object.fallback();
        String cause = reading.describeFailure();
        if (fallback.isPresent() && fallback.get().appliesAfter(object.health().failures(metricName))) {
            OptionalInt current = object.currentReplicas();
            if (fallback.get().behavior().needsCurrentReplicas() && current.isEmpty()) {
                return new Failure(503, SOURCE_UNAVAILABLE, metricName + " could not be read (" + cause
                        + ") and the fallback needs the current replica count, which is not known yet");
            }
            int replicasNow = current.orElse(0);
            OptionalInt replicas = fallback.get().replicaCount(replicasNow);
            var spec = metric.get().spec();
            Optional<MilliValue> value = replicas.isEmpty() ? Optional.empty()
                    : Fallback.metricValue(spec.targetType(), spec.target(), replicas.getAsInt(), replicasNow);
            if (value.isPresent()) {
                return new Values(namespace, name, metricName, List.of(value(metricName, value.get(), reading.timestamp())),
                        last.isPresent(), true);
            }
        }
        return new Failure(503, SOURCE_UNAVAILABLE, "metric:" + metricName + " encountered error (" + cause + ")");
    }

    /**
     * KEDA's composite query: every trigger metric read at once (from the last poll where it is cached), then the
     * formula, or the fallback, over them (KEDA's {@code GetScaledObjectMetrics} with {@code getTrueMetricArray}).
     */
    private Answer composite(String namespace, String name, ScaledObjectMetrics object, CompositeMetric composite) {
        List<TriggerMetric> metrics = object.metrics();
        List<Optional<Reading>> cached = metrics.stream().map(m -> cachedReading(object, m)).toList();
        List<CompletableFuture<Reading>> reads = new ArrayList<>();
        for (int i = 0; i < metrics.size(); i++) {
            reads.add(cached.get(i).isPresent() ? CompletableFuture.completedFuture(cached.get(i).get())
                    : live(namespace, name, metrics.get(i)).thenApply(r -> counted(object, r)));
        }
        Map<String, CompositeMetric.Input> inputs = new LinkedHashMap<>();
        for (int i = 0; i < metrics.size(); i++) {
            TriggerMetric metric = metrics.get(i);
            Reading reading = reads.get(i).join();
            inputs.put(metric.metricName(), CompositeMetric.input(reading, object.health().failures(metric.metricName()),
                    object.fallback(), metric.triggerLabel()));
        }
        boolean fromLastPoll = !metrics.isEmpty() && cached.stream().allMatch(Optional::isPresent);
        Instant now = Instant.now();
        CompositeMetric.Outcome outcome = composite.compose(inputs, object.fallback());
        if (outcome instanceof CompositeMetric.Value value) {
            return new Values(namespace, name, CompositeMetric.NAME, List.of(value(CompositeMetric.NAME, value.served(), now)),
                    fromLastPoll, false);
        }
        if (outcome instanceof CompositeMetric.Failed failed) {
            return new Failure(503, SOURCE_UNAVAILABLE, failed.message());
        }
        Optional<MilliValue> fallbackValue = composite.fallbackValue(object.fallback().orElseThrow(), object.currentReplicas());
        if (fallbackValue.isEmpty()) {
            return new Failure(503, SOURCE_UNAVAILABLE, "metric:" + CompositeMetric.NAME
                    + " encountered error (a trigger keeps failing and the fallback's replica count cannot be worked out yet)");
        }
        return new Values(namespace, name, CompositeMetric.NAME, List.of(value(CompositeMetric.NAME, fallbackValue.get(), now)),
                fromLastPoll, true);
    }

    /** The last poll's reading of a {@code useCachedMetrics} trigger, once the loop has one. */
    private static Optional<Reading> cachedReading(ScaledObjectMetrics object, TriggerMetric metric) {
        return metric.config().useCachedMetrics() ? object.lastReading(metric.metricName()) : Optional.empty();
    }

    /** A live read counts into the metric's health, as KEDA's metrics server counts its reads. */
    private static Reading counted(ScaledObjectMetrics object, Reading reading) {
        object.health().record(reading.metricName(), reading.ok());
        return reading;
    }

    /** One live read per ScaledObject and metric at a time; concurrent callers share its result. */
    private CompletableFuture<Reading> live(String namespace, String name, TriggerMetric metric) {
        String key = namespace + "/" + name + "/" + metric.metricName();
        CompletableFuture<Reading> mine = new CompletableFuture<>();
        CompletableFuture<Reading> shared = inFlight.putIfAbsent(key, mine);
        if (shared == null) {
            sampler.read(metric).whenComplete((reading, failure) -> {
                inFlight.remove(key, mine);
                mine.complete(failure == null ? reading
                        : Reading.failed(metric.metricName(), Instant.now(), FailureCause.describe(failure, metric.config()), false));
            });
            shared = mine;
        }
        return shared;
    }

    /** The API promises a quantity that is never negative: a scaler's negative reading is served as 0. */
    private static Value value(String metricName, MilliValue value, Instant timestamp) {
        MilliValue served = value.millis() < 0 ? MilliValue.ZERO : value;
        return new Value(metricName, served.toQuantity(), timestamp.truncatedTo(ChronoUnit.MILLIS).toString());
    }
}
