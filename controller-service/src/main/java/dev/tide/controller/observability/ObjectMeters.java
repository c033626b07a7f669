package dev.tide.controller.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One ScaledObject's own series, held by its loop: {@code keda_internal_scale_loop_latency_seconds},
 * {@code keda_scaled_object_paused} and, only when the ScaledObject has a valid fallback,
 * {@code tide_scaled_object_fallback_active}. In the registry only while this replica drives the loop.
 */
public final class ObjectMeters {

    private final ScalingMetrics owner;
    private final String namespace;
    private final String name;
    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong paused = new AtomicLong();
    private final AtomicLong fallback = new AtomicLong();
    /** Null while detached; guarded by this object's monitor. */
    private List<Meter> attached;

    ObjectMeters(ScalingMetrics owner, String namespace, String name) {
        this.owner = owner;
        this.namespace = namespace;
        this.name = name;
    }

    /** The last pass's lag into KEDA's gauge, and every pass's lag into Tide's histogram. */
    public void lag(Duration lag) {
        this.lag.set(Double.doubleToLongBits(lag.toNanos() / 1e9));
        owner.lagHistogram.record(lag);
    }

    public void paused(boolean paused) {
        this.paused.set(Double.doubleToLongBits(paused ? 1 : 0));
    }

    public void fallbackActive(boolean active) {
        fallback.set(Double.doubleToLongBits(active ? 1 : 0));
    }

    /** (Re)puts the series in the registry, the fallback gauge only {@code withFallback}. */
    public synchronized void attach(boolean withFallback) {
        detach();
        Tag ns = Tag.of("namespace", namespace);
        Tags object = Tags.of(ns, Tag.of("scaledObject", name));
        List<Meter> meters = new ArrayList<>(3);
        meters.add(owner.bitsGauge("keda.internal.scale.loop.latency.seconds",
                Tags.of(ns, Tag.of("type", ScalingMetrics.TYPE_SCALED_OBJECT), Tag.of("resource", name)), lag));
        meters.add(owner.bitsGauge("keda.scaled.object.paused", object, paused));
        if (withFallback) {
            meters.add(owner.bitsGauge("tide.scaled.object.fallback.active", object, fallback));
        }
        attached = meters;
    }

    public synchronized void detach() {
        if (attached != null) {
            attached.forEach(owner.registry::remove);
            attached = null;
        }
    }
}
