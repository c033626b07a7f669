package dev.tide.controller.jobs;

import dev.tide.controller.kube.ObjectKey;
import dev.tide.keda.api.Condition;
import dev.tide.keda.api.KedaCondition;
import dev.tide.keda.api.ScaledJobStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One ScaledJob's loop: its schedule, and what must outlive a pass (its conditions as last written, whether it was
 * active, each trigger's failure cause). Fields a pass writes are guarded by this object's monitor.
 */
final class JobLoop {

    final ObjectKey key;
    volatile JobRegistration registration;

    volatile ScheduledFuture<?> schedule;
    volatile long epoch;
    volatile AtomicLong lagGauge;
    long firstRunNanos;
    long periodNanos;
    final AtomicLong ticks = new AtomicLong();
    final AtomicBoolean passRunning = new AtomicBoolean();

    /** The loop-owned conditions (Ready, Active) as last written. */
    List<Condition> conditions = List.of();
    boolean wasActive;
    /** The failure cause each metric last reported (absent: it read fine). */
    final Map<String, String> causes = new HashMap<>();

    JobLoop(ObjectKey key) {
        this.key = key;
    }

    /** Takes over the conditions the status holds, so the first pass reports only real changes. */
    void adopt(ScaledJobStatus status) {
        if (status == null) {
            return;
        }
        conditions = status.getConditions() == null ? List.of() : List.copyOf(status.getConditions());
        wasActive = status.condition(KedaCondition.Type.ACTIVE.value()).map(Condition::isTrue).orElse(false);
    }
}
