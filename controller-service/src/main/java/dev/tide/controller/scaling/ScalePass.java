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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.OptionalInt;

/**
 * Turns one pass's readings into a {@link PassResult}: records them in the loop's memory (last reading, health),
 * reads the target's replicas, decides with {@link ScaleDecision#decide} and works out the conditions and the
 * fallback state. With scalingModifiers the {@link CompositeMetric} decides activity instead of the triggers, and
 * its series are recorded here. Writes nothing to the cluster but those meters.
 */
final class ScalePass {

    /** How events and logs name the formula when it fails. */
    static final String FORMULA = "spec.advanced.scalingModifiers.formula";

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
        for (Reading reading : readings) {
            loop.lastReadings.put(reading.metricName(), reading);
            loop.health.record(reading.metricName(), reading.ok());
        }
        Optional<CompositeMetric.Outcome> composite = registration.composite().map(c -> compose(c, loop, registration, readings));
        boolean active;
        boolean error;
        String triggeredBy;
        if (composite.isPresent()) {
            // KEDA's getScaledObjectState: with scalingModifiers, only the composite value decides activity.
            active = composite.get() instanceof CompositeMetric.Value value && registration.composite().get().active(value);
            error = !(composite.get() instanceof CompositeMetric.Value);
            triggeredBy = active ? CompositeMetric.NAME : "";
        } else {
            // Plain loops: this runs on every pass of every ScaledObject.
            boolean anyActive = false;
            boolean anyError = false;
            StringJoiner activeMetrics = new StringJoiner(";");
            for (Reading reading : readings) {
                if (reading.activeOk()) {
                    anyActive = true;
                    activeMetrics.add(reading.metricName());
                }
                anyError |= !reading.ok();
            }
            active = anyActive || registration.onlyCpuOrMemory();
            error = anyError;
            triggeredBy = activeMetrics.toString();
        }
        if (error) {
            metrics.scaledObjectError(loop.key.namespace(), loop.key.name());
        }
        List<PassResult.CauseChange> causeChanges = causeChanges(loop, registration, readings, composite);
        Instant now = clock.instant();
        int current;
        try {
            current = cluster.currentReplicas(registration.target());
        } catch (KubernetesClientException e) {
            String message = "Error getting current replicas of " + registration.target().describe() + ": HTTP " + e.getCode();
            return new PassResult(registration, readings, new PassResult.ReplicasUnknown(message),
                    LoopConditions.replicasUnknown(loop.conditions, message),
                    new PassResult.FallbackState(fallback, loop.fallbackActive), causeChanges, triggeredBy, now);
        }
        composite.ifPresent(outcome -> recordComposite(registration, outcome, active, current));
        ScaledObject so = registration.scaledObject();
        boolean forced = Annotations.bool(so, KedaApi.FORCE_ACTIVATION);
        var signals = new ScaleDecision.Signals(active, forced, error);
        ScaleDecision decision = ScaleDecision.decide(state(registration, loop.lastActiveTime, current, signals, now));
        boolean fallbackActive = fallback.isPresent() && registration.metrics().stream()
                .anyMatch(m -> fallback.get().appliesAfter(loop.health.failures(m.metricName())));
        var fallbackState = new PassResult.FallbackState(fallback, fallbackActive);
        return new PassResult(registration, readings, new PassResult.Decided(current, decision, active || forced),
                LoopConditions.after(loop.conditions, signals, decision, fallbackState), fallbackState, causeChanges,
                triggeredBy, now);
    }

    private static CompositeMetric.Outcome compose(CompositeMetric composite, LoopState loop, Registration registration,
            List<Reading> readings) {
        Map<String, CompositeMetric.Input> inputs = new LinkedHashMap<>();
        for (Reading reading : readings) {
            inputs.put(reading.metricName(), CompositeMetric.input(reading, loop.health.failures(reading.metricName()),
                    registration.fallback(), trigger(registration, reading.metricName())));
        }
        return composite.compose(inputs, registration.fallback());
    }

    /** KEDA's composite series: the value the HPA gets and whether it is above the activation target. */
    private static void recordComposite(Registration registration, CompositeMetric.Outcome outcome, boolean active, int current) {
        ScalingMetrics.TriggerMeters meters = registration.compositeMeters();
        if (outcome instanceof CompositeMetric.Value value) {
            meters.value(value.value());
            meters.active(active);
        } else if (outcome instanceof CompositeMetric.FallBack) {
            registration.composite().get().fallbackValue(registration.fallback().orElseThrow(), OptionalInt.of(current))
                    .ifPresent(v -> meters.value(v.toDouble()));
        }
    }

    /**
     * The metrics whose failure cause differs from the one the loop last reported, and the formula's, when it failed
     * or reads again.
     */
    private static List<PassResult.CauseChange> causeChanges(LoopState loop, Registration registration, List<Reading> readings,
            Optional<CompositeMetric.Outcome> composite) {
        List<PassResult.CauseChange> changes = new ArrayList<>();
        if (composite.isPresent()) {
            Optional<String> cause = composite.get() instanceof CompositeMetric.Failed failed && failed.inFormula()
                    ? Optional.of(failed.message()) : Optional.empty();
            if (!Objects.equals(loop.causes.get(CompositeMetric.NAME), cause.orElse(null))) {
                changes.add(new PassResult.CauseChange(CompositeMetric.NAME, FORMULA, cause));
            }
        }
        for (Reading reading : readings) {
            if (reading.refused() && loop.causes.containsKey(reading.metricName())) {
                // A guard stands in front of a source already reported failing: not a new cause.
                continue;
            }
            String before = loop.causes.get(reading.metricName());
            if (!Objects.equals(before, reading.failure().orElse(null))) {
                changes.add(new PassResult.CauseChange(reading.metricName(), trigger(registration, reading.metricName()),
                        reading.failure()));
            }
        }
        return changes;
    }

    private static String trigger(Registration registration, String metricName) {
        return registration.metrics().stream().filter(m -> m.metricName().equals(metricName))
                .findFirst().map(TriggerMetric::triggerLabel).orElse(metricName);
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
        var cooldown = new ScaleDecision.Cooldown(Optional.ofNullable(lastActiveTime), registration.created(),
                Duration.ofSeconds(spec.cooldownPeriodOrDefault()),
                Duration.ofSeconds(spec.initialCooldownPeriod() == null ? 0 : spec.initialCooldownPeriod()));
        return new ScaleDecision.ScaleState(replicas, signals, pauses, cooldown, now);
    }
}
