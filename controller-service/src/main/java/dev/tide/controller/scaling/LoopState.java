package dev.tide.controller.scaling;

import dev.tide.controller.kube.ObjectKey;
import dev.tide.controller.observability.ObjectMeters;
import dev.tide.controller.observability.ScalingMetrics;
import dev.tide.controller.sources.Reading;
import dev.tide.keda.api.Condition;
import dev.tide.keda.api.KedaCondition;
import dev.tide.keda.api.ScaledObjectStatus;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One ScaledObject's loop: its schedule, and what must outlive a pass (last activity, health, the status as last
 * written). Fields written by a pass are guarded by this object's monitor; the scheduling fields by the loop's.
 */
final class LoopState {

    final ObjectKey key;
    volatile Registration registration;

    // Scheduling (ScaleLoops).
    volatile ScheduledFuture<?> schedule;
    volatile long epoch;
    long firstRunNanos;
    long periodNanos;
    final AtomicLong ticks = new AtomicLong();
    final AtomicBoolean passRunning = new AtomicBoolean();
    /** A pass was requested (by a push scaler) while one was running: run another as soon as it ends. */
    final AtomicBoolean passAgain = new AtomicBoolean();

    // What passes remember.
    volatile Instant lastActiveTime;
    final TriggerHealth health = new TriggerHealth();
    final Map<String, Reading> lastReadings = new ConcurrentHashMap<>();
    volatile int currentReplicas = -1;
    volatile boolean fallbackActive;
    /** The failure cause each metric last reported (absent: it read fine); guarded by this object's monitor. */
    final Map<String, String> causes = new HashMap<>();
    /** The type of the failure the loop machinery last had on this object; null after a clean pass. */
    volatile String loopFailure;

    // The loop-owned status as last written (or read back), and the ordered writes of this object (PassExecutor).
    List<Condition> conditions = List.of();
    StatusView written;
    final AtomicBoolean scalePending = new AtomicBoolean();
    CompletableFuture<Void> writes = CompletableFuture.completedFuture(null);

    /** The object's own series; with the registration's, in the registry only while this replica drives the loop. */
    final ObjectMeters meters;

    LoopState(ObjectKey key, ObjectMeters meters) {
        this.key = key;
        this.meters = meters;
    }

    /**
     * Takes a new registration; the series of the previous one that it does not keep leave the registry. Called
     * with this object's monitor held.
     */
    void register(Registration next) {
        Registration previous = registration;
        registration = next;
        if (previous != null) {
            Set<ScalingMetrics.TriggerMeters> kept = Collections.newSetFromMap(new IdentityHashMap<>());
            next.meters().forEach(kept::add);
            previous.meters().filter(m -> !kept.contains(m)).forEach(ScalingMetrics.TriggerMeters::detach);
        }
    }

    private volatile boolean metersAttached;

    /** This replica drives the loop now: its series enter the registry. Called with this object's monitor held. */
    void attachMeters() {
        Registration r = registration;
        meters.attach(r.fallback().isPresent());
        r.meters().forEach(ScalingMetrics.TriggerMeters::attach);
        metersAttached = true;
    }

    /** Whether this loop's series are in the registry now; read on every pass without the loop's monitor. */
    boolean metersAttached() {
        return metersAttached;
    }

    /** The loop stopped here (unregistered, or another replica drives it now): its series leave the registry. */
    void detachMeters() {
        metersAttached = false;
        meters.detach();
        Registration r = registration;
        if (r != null) {
            r.meters().forEach(ScalingMetrics.TriggerMeters::detach);
        }
    }

    /** The snapshot the metrics API reads, as of now. */
    ScaledObjectMetrics published() {
        Registration r = registration;
        int replicas = currentReplicas;
        return new ScaledObjectMetrics(r.metrics(), Map.copyOf(lastReadings), r.fallback(),
                replicas < 0 ? OptionalInt.empty() : OptionalInt.of(replicas), health, r.composite());
    }

    /**
     * Takes over what the status says. On a takeover (a new loop after a restart, or a new leader) the failure
     * counts come from {@code health}, and Active=True means the old leader saw the ScaledObject active until it
     * stopped: lastActiveTime counts as now, so the cooldown starts no earlier than this takeover.
     */
    synchronized void adopt(ScaledObjectStatus status, boolean takeover, Instant now) {
        if (status == null) {
            return;
        }
        Instant persisted = StatusView.parse(status.getLastActiveTime());
        if (takeover && status.condition(KedaCondition.Type.ACTIVE.value()).map(Condition::isTrue).orElse(false)) {
            persisted = persisted == null || persisted.isBefore(now) ? now : persisted;
        }
        if (persisted != null && (lastActiveTime == null || persisted.isAfter(lastActiveTime))) {
            lastActiveTime = persisted;
        }
        if (takeover && status.getHealth() != null) {
            status.getHealth().forEach((metric, health) -> {
                if (health.numberOfFailures() != null) {
                    this.health.adopt(metric, health.numberOfFailures());
                }
            });
        }
        conditions = List.copyOf(status.getConditions());
        written = new StatusView(status.getLastActiveTime(), status.getHealth(), status.getTriggersActivity(), conditions);
    }
}
