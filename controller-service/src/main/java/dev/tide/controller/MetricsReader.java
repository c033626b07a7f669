package dev.tide.controller;

import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.replicas.Fallback;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers the metrics service (docs/internal-metrics-api.md, KEDA's {@code GetScaledObjectMetrics}): the last poll
 * for {@code useCachedMetrics} triggers, otherwise a live read, with identical concurrent reads collapsed into one
 * (single flight). Fallback applies per metric once it has failed more than {@code failureThreshold} times in a
 * row; a failure without fallback is {@code SourceUnavailable}, never a value of 0.
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

    private final ScaleLoops loops;
    private final Map<String, CompletableFuture<ScaleLoops.Reading>> inFlight = new ConcurrentHashMap<>();

    MetricsReader(ScaleLoops loops) {
        this.loops = loops;
    }

    Answer read(String namespace, String name, String metricName) {
        if (!loops.leading()) {
            return new Failure(503, NOT_LEADER, "this controller replica is a standby; ask the leader");
        }
        Optional<ScaleLoops.Loop> found = loops.find(namespace, name);
        if (found.isEmpty()) {
            return new Failure(404, SCALED_OBJECT_NOT_FOUND, "ScaledObject " + namespace + "/" + name + " is not being scaled");
        }
        ScaleLoops.Loop loop = found.get();
        ScaleLoops.Registration registration = loop.registration();
        Optional<ScaleLoops.TriggerMetric> metric = registration.metric(metricName);
        if (metric.isEmpty()) {
            return new Failure(404, METRIC_NOT_FOUND, "ScaledObject " + namespace + "/" + name + " has no metric " + metricName);
        }
        boolean cached = metric.get().config().useCachedMetrics();
        Optional<ScaleLoops.Reading> last = cached ? loop.lastPoll(metricName) : Optional.empty();
        ScaleLoops.Reading reading;
        if (last.isPresent()) {
            reading = last.get();
        } else {
            reading = live(namespace, name, metric.get());
            loop.recordHealth(metricName, reading.ok());
        }
        if (reading.ok()) {
            return new Values(namespace, name, metricName, reading.values().stream()
                    .map(v -> value(v.metricName(), v.value(), reading.timestamp())).toList(), last.isPresent(), false);
        }
        Optional<Fallback> fallback = registration.fallback();
        String cause = SourceGuards.describe(reading.failure());
        if (fallback.isPresent() && fallback.get().appliesAfter(loop.failures(metricName))) {
            int current = loop.currentReplicas();
            if (fallback.get().behavior().needsCurrentReplicas() && current < 0) {
                return new Failure(503, SOURCE_UNAVAILABLE, metricName + " could not be read (" + cause
                        + ") and the fallback needs the current replica count, which is not known yet");
            }
            OptionalInt replicas = fallback.get().replicaCount(Math.max(current, 0));
            var spec = metric.get().spec();
            Optional<MilliValue> value = replicas.isEmpty() ? Optional.empty()
                    : Fallback.metricValue(spec.targetType(), spec.target(), replicas.getAsInt(), Math.max(current, 0));
            if (value.isPresent()) {
                return new Values(namespace, name, metricName, List.of(value(metricName, value.get(), reading.timestamp())),
                        last.isPresent(), true);
            }
        }
        return new Failure(503, SOURCE_UNAVAILABLE, "metric:" + metricName + " encountered error (" + cause + ")");
    }

    /** One live read per ScaledObject and metric at a time; concurrent callers share its result. */
    private ScaleLoops.Reading live(String namespace, String name, ScaleLoops.TriggerMetric metric) {
        String key = namespace + "/" + name + "/" + metric.spec().metricName();
        CompletableFuture<ScaleLoops.Reading> mine = new CompletableFuture<>();
        CompletableFuture<ScaleLoops.Reading> shared = inFlight.putIfAbsent(key, mine);
        if (shared == null) {
            loops.read(metric).whenComplete((reading, failure) -> {
                inFlight.remove(key, mine);
                if (failure != null) {
                    mine.completeExceptionally(failure);
                } else {
                    mine.complete(reading);
                }
            });
            shared = mine;
        }
        try {
            return shared.join();
        } catch (CompletionException e) {
            return new ScaleLoops.Reading(metric.spec().metricName(), List.of(), false, Instant.now(), SourceGuards.unwrap(e));
        }
    }

    /** The API promises a quantity that is never negative: a scaler's negative reading is served as 0. */
    private static Value value(String metricName, MilliValue value, Instant timestamp) {
        MilliValue served = value.millis() < 0 ? MilliValue.ZERO : value;
        return new Value(metricName, served.toQuantity(), timestamp.truncatedTo(ChronoUnit.MILLIS).toString());
    }

}
