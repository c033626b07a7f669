package dev.tide.controller.metricsapi;

import dev.tide.controller.kube.ObjectKey;
import dev.tide.controller.scaling.PublishedMetrics;
import dev.tide.controller.scaling.ScaledObjectMetrics;
import dev.tide.controller.sources.FailureCause;
import dev.tide.controller.sources.Reading;
import dev.tide.controller.sources.Sampler;
import dev.tide.controller.sources.TriggerMetric;
import dev.tide.replicas.Fallback;
import dev.tide.scaler.api.MilliValue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * {@code SourceUnavailable}, never a value of 0.
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

    record Failure(int status, String reason, String message) implements Answer {
    }

    static final String SCALED_OBJECT_NOT_FOUND = "ScaledObjectNotFound";
    static final String METRIC_NOT_FOUND = "MetricNotFound";
    static final String NOT_LEADER = "NotLeader";
    static final String SOURCE_UNAVAILABLE = "SourceUnavailable";
    static final String INTERNAL_ERROR = "InternalError";

    private final PublishedMetrics published;
    private final Sampler sampler;
    private final Map<String, CompletableFuture<Reading>> inFlight = new ConcurrentHashMap<>();

    MetricsReader(PublishedMetrics published, Sampler sampler) {
        this.published = published;
        this.sampler = sampler;
    }

    Answer read(String namespace, String name, String metricName) {
        if (!published.leading()) {
            return new Failure(503, NOT_LEADER, "this controller replica is a standby; ask the leader");
        }
        Optional<ScaledObjectMetrics> found = published.find(new ObjectKey(namespace, name));
        if (found.isEmpty()) {
            return new Failure(404, SCALED_OBJECT_NOT_FOUND, "ScaledObject " + namespace + "/" + name + " is not being scaled");
        }
        ScaledObjectMetrics object = found.get();
        Optional<TriggerMetric> metric = object.metric(metricName);
        if (metric.isEmpty()) {
            return new Failure(404, METRIC_NOT_FOUND, "ScaledObject " + namespace + "/" + name + " has no metric " + metricName);
        }
        boolean cached = metric.get().config().useCachedMetrics();
        Optional<Reading> last = cached ? object.lastReading(metricName) : Optional.empty();
        Reading reading;
        if (last.isPresent()) {
            reading = last.get();
        } else {
            reading = live(namespace, name, metric.get());
            object.health().record(metricName, reading.ok());
        }
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

    /** One live read per ScaledObject and metric at a time; concurrent callers share its result. */
    private Reading live(String namespace, String name, TriggerMetric metric) {
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
        return shared.join();
    }

    /** The API promises a quantity that is never negative: a scaler's negative reading is served as 0. */
    private static Value value(String metricName, MilliValue value, Instant timestamp) {
        MilliValue served = value.millis() < 0 ? MilliValue.ZERO : value;
        return new Value(metricName, served.toQuantity(), timestamp.truncatedTo(ChronoUnit.MILLIS).toString());
    }
}
