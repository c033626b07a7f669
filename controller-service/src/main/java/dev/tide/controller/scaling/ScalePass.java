package dev.tide.controller.scaling;

import dev.tide.controller.kube.ClusterAccess;
import dev.tide.controller.observability.ScalingMetrics;
import dev.tide.controller.sources.Reading;
import dev.tide.controller.sources.TriggerMetric;
import dev.tide.keda.api.Annotations;
import dev.tide.keda.api.KedaApi;
import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.ScaledObjectSpec;
import dev.tide.replicas.Fallback;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Turns one pass's readings into a {@link PassResult}: records them in the loop's memory (last reading, health),
 * reads the target's replicas, decides with {@link ScaleDecision#decide} and works out the conditions and the
 * fallback state. Writes nothing to the cluster.
 */
final class ScalePass {

    private final ClusterAccess cluster;
    private final ScalingMetrics metrics;
    private final Clock clock;

    ScalePass(ClusterAccess cluster, ScalingMetrics metrics, Clock clock) {
        this.cluster = cluster;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Called with the loop's monitor held. */
    PassResult evaluate(LoopState loop, Registration registration, List<Reading> readings) {
        Optional<Fallback> fallback = registration.fallback();
        boolean active = readings.stream().anyMatch(Reading::activeOk);
        boolean error = readings.stream().anyMatch(r -> !r.ok());
        if (error) {
            metrics.scaledObjectError(loop.key.namespace(), loop.key.name());
        }
        for (Reading reading : readings) {
            loop.lastReadings.put(reading.metricName(), reading);
            loop.health.record(reading.metricName(), reading.ok());
        }
        List<PassResult.CauseChange> causeChanges = causeChanges(loop, registration, readings);
        Instant now = clock.instant();
        int current;
        try {
            current = cluster.currentReplicas(registration.target());
        } catch (KubernetesClientException e) {
            String message = "Error getting current replicas of " + registration.target().describe() + ": HTTP " + e.getCode();
            return new PassResult(registration, readings, new PassResult.ReplicasUnknown(message),
                    LoopConditions.replicasUnknown(loop.conditions, message),
                    new PassResult.FallbackState(fallback, loop.fallbackActive), causeChanges, now);
        }
        ScaledObject so = registration.scaledObject();
        boolean forced = Annotations.bool(so, KedaApi.FORCE_ACTIVATION);
        var signals = new ScaleDecision.Signals(active, forced, error);
        ScaleDecision decision = ScaleDecision.decide(state(registration, loop.lastActiveTime, current, signals, now));
        boolean fallbackActive = fallback.isPresent() && registration.metrics().stream()
                .anyMatch(m -> fallback.get().appliesAfter(loop.health.failures(m.metricName())));
        var fallbackState = new PassResult.FallbackState(fallback, fallbackActive);
        return new PassResult(registration, readings, new PassResult.Decided(current, decision, active || forced),
                LoopConditions.after(loop.conditions, signals, decision, fallbackState), fallbackState, causeChanges, now);
    }

    /** The metrics whose failure cause differs from the one the loop last reported. */
    private static List<PassResult.CauseChange> causeChanges(LoopState loop, Registration registration, List<Reading> readings) {
        List<PassResult.CauseChange> changes = new ArrayList<>();
        for (Reading reading : readings) {
            if (reading.refused() && loop.causes.containsKey(reading.metricName())) {
                // A guard stands in front of a source already reported failing: not a new cause.
                continue;
            }
            String before = loop.causes.get(reading.metricName());
            if (!Objects.equals(before, reading.failure().orElse(null))) {
                String trigger = registration.metrics().stream().filter(m -> m.metricName().equals(reading.metricName()))
                        .findFirst().map(TriggerMetric::triggerLabel).orElse(reading.metricName());
                changes.add(new PassResult.CauseChange(reading.metricName(), trigger, reading.failure()));
            }
        }
        return changes;
    }

    private static ScaleDecision.ScaleState state(Registration registration, Instant lastActiveTime, int current,
            ScaleDecision.Signals signals, Instant now) {
        ScaledObject so = registration.scaledObject();
        ScaledObjectSpec spec = registration.spec();
        OptionalInt fallbackReplicas = registration.fallback().map(f -> OptionalInt.of(f.replicas())).orElse(OptionalInt.empty());
        var replicas = new ScaleDecision.Replicas(current, spec.minReplicaCountOrDefault(),
                spec.idleReplicaCount() == null ? OptionalInt.empty() : OptionalInt.of(spec.idleReplicaCount()), fallbackReplicas);
        var pauses = new ScaleDecision.Pauses(Annotations.fullyPaused(so), Annotations.bool(so, KedaApi.PAUSED_SCALE_IN),
                Annotations.bool(so, KedaApi.PAUSED_SCALE_OUT));
        var cooldown = new ScaleDecision.Cooldown(Optional.ofNullable(lastActiveTime), creationTime(so),
                Duration.ofSeconds(spec.cooldownPeriodOrDefault()),
                Duration.ofSeconds(spec.initialCooldownPeriod() == null ? 0 : spec.initialCooldownPeriod()));
        return new ScaleDecision.ScaleState(replicas, signals, pauses, cooldown, now);
    }

    private static Instant creationTime(ScaledObject so) {
        Instant created = StatusView.parse(so.getMetadata().getCreationTimestamp());
        return created == null ? Instant.EPOCH : created;
    }
}
