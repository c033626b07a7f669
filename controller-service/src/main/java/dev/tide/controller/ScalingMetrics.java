package dev.tide.controller;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * KEDA's Prometheus series ({@code pkg/metricscollector/prommetrics.go}, keda-reference §7) with KEDA's names and
 * labels, so existing dashboards and alerts keep working, plus Tide's loop-lag histogram.
 *
 * <p>Micrometer names are dotted; the Prometheus registry turns {@code keda.scaler.active} into
 * {@code keda_scaler_active} and appends {@code _total} to counters. KEDA's two "registered_total" series are gauges
 * whose name ends in {@code _total}, which the Prometheus client refuses for a gauge; they are exported as function
 * counters that read the current count (same name and labels; the TYPE line says counter).
 */
final class ScalingMetrics {

    static final String TYPE_SCALED_OBJECT = "scaledobject";

    /** KEDA's label set {@code L}: namespace, metric, scaledObject, scaler, triggerIndex, type. */
    record TriggerLabels(String namespace, String scaledObject, String scaler, int triggerIndex, String metric) {
        Tags tags() {
            return Tags.of("namespace", namespace, "metric", metric, "scaledObject", scaledObject, "scaler", scaler,
                    "triggerIndex", Integer.toString(triggerIndex), "type", TYPE_SCALED_OBJECT);
        }
    }

    private final MeterRegistry registry;
    private final Timer.Builder lagTimer;
    private final Map<Meter.Id, AtomicLong> gaugeBits = new ConcurrentHashMap<>();
    private final Map<String, DoubleAdder> resourcesPerNamespace = new ConcurrentHashMap<>();
    private final Map<String, DoubleAdder> triggersPerType = new ConcurrentHashMap<>();

    ScalingMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.lagTimer = Timer.builder("tide.scale.loop.lag")
                .description("Actual minus scheduled start of a scale-loop pass")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30));
    }

    MeterRegistry registry() {
        return registry;
    }

    void scalerValue(TriggerLabels labels, double value) {
        gauge("keda.scaler.metrics.value", labels.tags(), value);
    }

    void scalerLatency(TriggerLabels labels, Duration latency) {
        gauge("keda.scaler.metrics.latency.seconds", labels.tags(), latency.toNanos() / 1e9);
    }

    void scalerActive(TriggerLabels labels, boolean active) {
        gauge("keda.scaler.active", labels.tags(), active ? 1 : 0);
    }

    void scalerError(TriggerLabels labels) {
        Counter.builder("keda.scaler.detail.errors").tags(labels.tags()).register(registry).increment();
    }

    void scaledObjectError(String namespace, String scaledObject) {
        Counter.builder("keda.scaled.object.errors").tags("namespace", namespace, "scaledObject", scaledObject)
                .register(registry).increment();
    }

    void paused(String namespace, String scaledObject, boolean paused) {
        gauge("keda.scaled.object.paused", Tags.of("namespace", namespace, "scaledObject", scaledObject), paused ? 1 : 0);
    }

    /** KEDA's {@code keda_internal_scale_loop_latency_seconds} (last pass) and Tide's lag histogram. */
    void loopLag(String namespace, String scaledObject, Duration lag) {
        gauge("keda.internal.scale.loop.latency.seconds",
                Tags.of("namespace", namespace, "type", TYPE_SCALED_OBJECT, "resource", scaledObject), lag.toNanos() / 1e9);
        lagTimer.register(registry).record(lag);
    }

    Timer lagHistogram() {
        return lagTimer.register(registry);
    }

    /** A ScaledObject and its triggers start being scaled ({@code keda_resource/trigger_registered_total}). */
    void registered(String namespace, List<String> triggerTypes) {
        registeredCounter("keda.resource.registered", Tags.of("type", TYPE_SCALED_OBJECT, "namespace", namespace),
                resourcesPerNamespace, namespace).add(1);
        triggerTypes.forEach(type -> registeredCounter("keda.trigger.registered", Tags.of("type", type), triggersPerType, type).add(1));
    }

    void unregistered(String namespace, List<String> triggerTypes) {
        registeredCounter("keda.resource.registered", Tags.of("type", TYPE_SCALED_OBJECT, "namespace", namespace),
                resourcesPerNamespace, namespace).add(-1);
        triggerTypes.forEach(type -> registeredCounter("keda.trigger.registered", Tags.of("type", type), triggersPerType, type).add(-1));
    }

    /** Drops a ScaledObject's per-trigger and per-object series when its loop goes away. */
    void forget(String namespace, String scaledObject) {
        for (Meter meter : registry.getMeters()) {
            Meter.Id id = meter.getId();
            String so = id.getTag("scaledObject") != null ? id.getTag("scaledObject") : id.getTag("resource");
            if (namespace.equals(id.getTag("namespace")) && scaledObject.equals(so) && id.getName().startsWith("keda.")) {
                registry.remove(meter);
                gaugeBits.remove(id);
            }
        }
    }

    private DoubleAdder registeredCounter(String name, Tags tags, Map<String, DoubleAdder> counts, String key) {
        return counts.computeIfAbsent(key, k -> {
            DoubleAdder adder = new DoubleAdder();
            FunctionCounter.builder(name, adder, DoubleAdder::sum).tags(tags).register(registry);
            return adder;
        });
    }

    private void gauge(String name, Tags tags, double value) {
        Meter.Id id = new Meter.Id(name, tags, null, null, Meter.Type.GAUGE);
        AtomicLong bits = gaugeBits.computeIfAbsent(id, k -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder(name, holder, h -> Double.longBitsToDouble(h.get())).tags(tags).register(registry);
            return holder;
        });
        bits.set(Double.doubleToLongBits(value));
    }
}
