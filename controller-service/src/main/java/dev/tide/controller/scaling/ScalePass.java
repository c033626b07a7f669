package dev.tide.controller.scaling;

import dev.tide.controller.kube.ClusterAccess;
import dev.tide.controller.observability.ScalingMetrics;
import dev.tide.controller.sources.Reading;
import dev.tide.keda.api.Annotations;
import dev.tide.keda.api.KedaApi;
import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.ScaledObjectSpec;
import dev.tide.replicas.Fallback;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one pass's readings into a {@link PassResult}: records them in the loop's memory (last reading, health),
 * reads the target's replicas, decides with {@link ScaleDecision#decide} and works out the conditions and the
 * fallback state. Writes nothing to the cluster.
 */
final class ScalePass {

    private static final Logger log = LoggerFactory.getLogger(ScalePass.class);

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
            readings.stream().filter(r -> !r.ok()).forEach(r -> log.debug("ScaledObject {}: metric {} could not be read ({})",
                    loop.key, r.metricName(), r.describeFailure()));
        }
        for (Reading reading : readings) {
            loop.lastReadings.put(reading.metricName(), reading);
            loop.health.record(reading.metricName(), reading.ok());
        }
        Instant now = clock.instant();
        int current;
        try {
            current = cluster.currentReplicas(registration.target());
        } catch (KubernetesClientException e) {
            String message = "Error getting current replicas of " + registration.target().describe() + ": HTTP " + e.getCode();
            return new PassResult(registration, readings, new PassResult.ReplicasUnknown(message),
                    LoopConditions.replicasUnknown(loop.conditions, message),
                    new PassResult.FallbackState(fallback, loop.fallbackActive), now);
        }
        ScaledObject so = registration.scaledObject();
        boolean forced = Annotations.bool(so, KedaApi.FORCE_ACTIVATION);
        var signals = new ScaleDecision.Signals(active, forced, error);
        ScaleDecision decision = ScaleDecision.decide(state(registration, loop.lastActiveTime, current, signals, now));
        boolean fallbackActive = fallback.isPresent() && registration.metrics().stream()
                .anyMatch(m -> fallback.get().appliesAfter(loop.health.failures(m.metricName())));
        var fallbackState = new PassResult.FallbackState(fallback, fallbackActive);
        return new PassResult(registration, readings, new PassResult.Decided(current, decision, active || forced),
                LoopConditions.after(loop.conditions, signals, decision, fallbackState), fallbackState, now);
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
