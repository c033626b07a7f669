package dev.tide.controller.scaling;

import dev.tide.controller.kube.ClusterAccess;
import dev.tide.controller.kube.ScaleClient;
import dev.tide.controller.kube.StatusWriter;
import dev.tide.controller.observability.ScalingMetrics;
import dev.tide.keda.api.Condition;
import dev.tide.keda.api.EventReason;
import dev.tide.keda.api.KedaCondition;
import dev.tide.keda.api.ScaledObject;
import dev.tide.replicas.Fallback;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on a {@link PassResult}: the one place a scale loop writes. It moves the target through {@code /scale} with
 * KEDA's events, records fallback transitions, patches the loop-owned status only when it changed, and publishes
 * the snapshot the metrics API reads. Writes of one ScaledObject run in order on the writer pool and are dropped
 * once its loop stopped or this replica lost the lead.
 */
final class PassExecutor {

    private static final Logger log = LoggerFactory.getLogger(PassExecutor.class);

    private final ClusterAccess cluster;
    private final ExecutorService writers;
    private final PublishedMetrics published;
    private final BooleanSupplier leading;
    private final ScalingMetrics metrics;

    PassExecutor(ClusterAccess cluster, ExecutorService writers, PublishedMetrics published, ScalingMetrics metrics) {
        this.metrics = metrics;
        this.cluster = cluster;
        this.writers = writers;
        this.published = published;
        this.leading = published::leading;
    }

    /** Called with the loop's monitor held. */
    void apply(LoopState loop, long epoch, PassResult result) {
        ScaledObject so = result.registration().scaledObject();
        loop.loopFailure = null;
        reportCauseChanges(loop, epoch, so, result.causeChanges());
        boolean activeNow = false;
        if (result.outcome() instanceof PassResult.Decided decided) {
            loop.currentReplicas = decided.currentReplicas();
            if (decided.decision().marksActive()) {
                loop.lastActiveTime = result.at();
            }
            decided.decision().targetReplicas().ifPresent(to -> scale(loop, epoch, result, decided, to));
            PassResult.FallbackState fallback = result.fallback();
            if (fallback.configured() && fallback.active() != loop.fallbackActive) {
                Fallback f = fallback.fallback().orElseThrow();
                enqueue(loop, epoch, () -> cluster.event(so, fallback.active() ? EventReason.FALLBACK_ACTIVATED : EventReason.FALLBACK_DEACTIVATED,
                        fallback.active() ? "ScaledObject fell back to " + f.replicas() + " replicas ("
                                + f.behavior().parameterValue() + ") after " + (f.failureThreshold() + 1) + " failed reads"
                                : "Every trigger reads its event source again; fallback ended"));
            }
            loop.fallbackActive = fallback.active();
            loop.meters.fallbackActive(fallback.active());
            activeNow = decided.activeOrForced();
        }
        writeStatusIfChanged(loop, epoch, so, view(loop, result.registration(), result.conditions(), activeNow));
        published.publish(loop.key, loop.published());
    }

    /** The loop itself failed on this object: Ready=False naming it, an event, only when that is news. */
    void failed(LoopState loop, long epoch, String message) {
        Registration registration = loop.registration;
        if (registration == null) {
            return;
        }
        List<Condition> conditions = LoopConditions.with(loop.conditions, KedaCondition.SCALE_LOOP_FAILED.withMessage(message));
        if (!conditions.equals(loop.conditions)) {
            ScaledObject so = registration.scaledObject();
            enqueue(loop, epoch, () -> cluster.event(so, EventReason.SCALED_OBJECT_CHECK_FAILED, message));
            writeStatusIfChanged(loop, epoch, so, view(loop, registration, conditions, false));
        }
    }

    /** The loop-owned status after this pass: its conditions, and health, activity and lastActiveTime from the loop. */
    private static StatusView view(LoopState loop, Registration registration, List<Condition> conditions, boolean activeNow) {
        String previous = loop.written == null ? null : loop.written.lastActiveTime();
        return StatusView.after(registration.metrics(), loop.lastReadings, loop.health, registration.fallback().isPresent(),
                conditions, StatusView.persistedLastActiveTime(loop.lastActiveTime, previous, activeNow));
    }

    /** KEDA's {@code KEDAScalerFailed}, and one log line, per change of a trigger's failure cause, not per poll. */
    private void reportCauseChanges(LoopState loop, long epoch, ScaledObject so, List<PassResult.CauseChange> changes) {
        for (PassResult.CauseChange change : changes) {
            if (change.cause().isPresent()) {
                String cause = change.cause().get();
                loop.causes.put(change.metricName(), cause);
                if (change.metricName().equals(CompositeMetric.NAME)) {
                    log.warn("ScaledObject {}: {} gives no value: {}; it holds its replicas until it does", loop.key,
                            change.trigger(), cause);
                } else {
                    log.warn("ScaledObject {}: {} cannot be read: {}; it holds its replicas until the source answers", loop.key,
                            change.trigger(), cause);
                }
                enqueue(loop, epoch, () -> cluster.event(so, EventReason.SCALER_FAILED, change.trigger() + ": " + cause));
            } else {
                loop.causes.remove(change.metricName());
                log.info(change.metricName().equals(CompositeMetric.NAME) ? "ScaledObject {}: {} gives a value again"
                        : "ScaledObject {}: {} reads its event source again", loop.key, change.trigger());
            }
        }
    }

    private void scale(LoopState loop, long epoch, PassResult result, PassResult.Decided decided, int to) {
        if (!loop.scalePending.compareAndSet(false, true)) {
            return;
        }
        ScaleClient.Target target = result.registration().target();
        ScaledObject so = result.registration().scaledObject();
        ScaleDecision decision = decided.decision();
        int from = decided.currentReplicas();
        String what = target.describeAsKeda();
        boolean activation = decision instanceof ScaleDecision.Activate;
        boolean deactivation = decision instanceof ScaleDecision.Deactivate;
        String triggeredBy = result.triggeredBy();
        enqueue(loop, epoch, () -> {
            try {
                cluster.scale(target, to);
                loop.currentReplicas = to;
                log.info("Scaled {} from {} to {} ({})", what, from, to, decision.getClass().getSimpleName());
                if (activation || deactivation) {
                    metrics.activation(loop.key.namespace(), loop.key.name(), activation);
                }
                if (activation) {
                    cluster.event(so, EventReason.SCALE_TARGET_ACTIVATED,
                            "Scaled " + what + " from " + from + " to " + to + (triggeredBy.isEmpty() ? "" : ", triggered by " + triggeredBy));
                } else if (deactivation) {
                    cluster.event(so, EventReason.SCALE_TARGET_DEACTIVATED, "Deactivated " + what + " from " + from + " to " + to);
                }
            } catch (KubernetesClientException e) {
                log.warn("Could not scale {} from {} to {}; the next pass retries (HTTP {})", what, from, to, e.getCode());
                cluster.event(so, activation ? EventReason.SCALE_TARGET_ACTIVATION_FAILED : EventReason.SCALE_TARGET_DEACTIVATION_FAILED,
                        "Failed to scale " + what + " from " + from + " to " + to + ": HTTP " + e.getCode());
            } finally {
                loop.scalePending.set(false);
            }
        });
    }

    private void writeStatusIfChanged(LoopState loop, long epoch, ScaledObject so, StatusView view) {
        loop.conditions = view.conditions();
        StatusView before = loop.written;
        if (view.equals(before)) {
            return;
        }
        StatusView written = view.withLastActiveTimeUpTo(loop.lastActiveTime);
        List<StatusWriter.Operation> operations = written.changesSince(before);
        loop.written = written;
        if (operations.isEmpty()) {
            return;
        }
        enqueue(loop, epoch, () -> {
            try {
                cluster.patchStatus(so, operations);
            } catch (KubernetesClientException e) {
                // Forget what we believe was written, so the next pass writes again.
                synchronized (loop) {
                    loop.written = null;
                }
                log.warn("Could not write the status of ScaledObject {}; the next pass retries (HTTP {})", loop.key, e.getCode());
            }
        });
    }

    /** Runs writes of one ScaledObject in order on the writer pool; dropped once the loop stopped or lost the lead. */
    private void enqueue(LoopState loop, long epoch, Runnable write) {
        loop.writes = loop.writes.thenRunAsync(() -> {
            if (loop.epoch == epoch && leading.getAsBoolean()) {
                write.run();
            }
        }, writers).exceptionally(e -> {
            log.warn("A write for ScaledObject {} failed ({})", loop.key, e.toString());
            return null;
        });
    }
}
