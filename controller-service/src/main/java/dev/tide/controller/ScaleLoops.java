package dev.tide.controller;

import dev.tide.controller.crd.Condition;
import dev.tide.controller.crd.KedaApi;
import dev.tide.controller.crd.ScaledObject;
import dev.tide.controller.crd.ScaledObjectSpec;
import dev.tide.controller.crd.ScaledObjectStatus;
import dev.tide.controller.crd.ScaledObjectStatus.HealthStatus;
import dev.tide.controller.crd.ScaledObjectStatus.TriggerActivity;
import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.replicas.Fallback;
import dev.tide.scaler.api.replicas.FallbackBehavior;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scale loops (KEDA's {@code scale_handler.go}): one scheduled task per ScaledObject at its pollingInterval on
 * one shared scheduler thread, passes run on a bounded worker pool, never a thread per ScaledObject.
 *
 * <p>A pass samples every trigger at once through {@link SourceGuards} (each read bounded by its timeout), then
 * decides with {@link ScaleDecision#decide} and hands the outcome to the writer pool: {@code /scale} with KEDA's
 * events, and a status patch only when the loop-owned fields (lastActiveTime, health, triggersActivity, the
 * Active, Ready and Fallback conditions) changed. A pass that is still running when its next tick comes makes
 * that tick skip, as KEDA's per-object mutex would make it wait. Loop lag (actual minus scheduled start) is
 * measured on every pass.
 *
 * <p>Registrations come from the reconciler on every replica; only while this replica leads are they scheduled.
 * Losing leadership cancels the schedules and drops pending writes, leaving the replicas where they are.
 */
final class ScaleLoops implements AutoCloseable {

    static final String SCALE_TARGET_ACTIVATED = "KEDAScaleTargetActivated";
    static final String SCALE_TARGET_DEACTIVATED = "KEDAScaleTargetDeactivated";
    static final String SCALE_TARGET_ACTIVATION_FAILED = "KEDAScaleTargetActivationFailed";
    static final String SCALE_TARGET_DEACTIVATION_FAILED = "KEDAScaleTargetDeactivationFailed";
    static final String FALLBACK_ACTIVATED = "ScaledObjectFallbackActivated";
    static final String FALLBACK_DEACTIVATED = "ScaledObjectFallbackDeactivated";

    private static final Logger log = LoggerFactory.getLogger(ScaleLoops.class);

    /** One External metric of one trigger. */
    record TriggerMetric(TriggerConfig config, Scaler scaler, MetricSpec spec, SourceGuards.Guard guard,
            ScalingMetrics.TriggerMeters meters) {
        static ScalingMetrics.TriggerLabels labels(TriggerConfig config, MetricSpec spec) {
            return new ScalingMetrics.TriggerLabels(config.scaledObject().namespace(), config.scaledObject().name(),
                    config.triggerName().orElse(config.type()), config.triggerIndex(), spec.metricName());
        }
    }

    /** What the reconciler hands over: the ScaledObject as it was reconciled, its target and scalers. */
    record Registration(ScaledObject scaledObject, ScaleTargets.Target target, ScalerCache.Entry scalers,
            List<TriggerMetric> metrics) {

        static Registration of(ScaledObject scaledObject, ScaleTargets.Target target, ScalerCache.Entry scalers,
                SourceGuards guards, ScalingMetrics meters) {
            List<TriggerMetric> metrics = new ArrayList<>();
            for (int i = 0; i < scalers.scalers().size(); i++) {
                Scaler scaler = scalers.scalers().get(i);
                TriggerConfig config = scalers.configs().get(i);
                SourceGuards.Guard guard = guards.guard(config);
                for (MetricSpec spec : scaler.metricSpecs()) {
                    metrics.add(new TriggerMetric(config, scaler, spec, guard,
                            meters.triggerMeters(TriggerMetric.labels(config, spec))));
                }
            }
            return new Registration(scaledObject, target, scalers, List.copyOf(metrics));
        }

        ScaledObjectSpec spec() {
            return scaledObject.getSpec();
        }

        Duration pollingInterval() {
            return Duration.ofSeconds(spec().pollingIntervalOrDefault());
        }

        long generation() {
            Long generation = scaledObject.getMetadata().getGeneration();
            return generation == null ? 0 : generation;
        }

        /** {@code spec.fallback} when valid (KEDA's {@code HasValidFallback}). */
        Optional<Fallback> fallback() {
            var f = spec().fallback();
            if (f == null || f.failureThreshold() == null || f.replicas() == null || f.failureThreshold() < 0 || f.replicas() < 0) {
                return Optional.empty();
            }
            FallbackBehavior behavior = f.behavior() == null ? FallbackBehavior.STATIC : FallbackBehavior.valueOf(f.behavior().name());
            return Optional.of(new Fallback(f.failureThreshold(), f.replicas(), behavior));
        }

        Optional<TriggerMetric> metric(String metricName) {
            return metrics.stream().filter(m -> m.spec().metricName().equals(metricName)).findFirst();
        }
    }

    /** One read of one metric: values and activity, or the failure. */
    record Reading(String metricName, List<MetricValue> values, boolean active, Instant timestamp, Throwable failure) {
        boolean ok() {
            return failure == null;
        }
    }

    /** The loop-owned part of the status, as last written (or read back). */
    record StatusView(String lastActiveTime, Map<String, HealthStatus> health, Map<String, TriggerActivity> activity,
            List<Condition> conditions) {
    }

    /** One ScaledObject's loop and the state that must outlive a pass. */
    static final class Loop {
        final String namespace;
        final String name;
        volatile Registration registration;
        volatile ScheduledFuture<?> schedule;
        volatile AtomicLong lagGauge;
        volatile long epoch;
        long firstRunNanos;
        long periodNanos;
        final AtomicLong ticks = new AtomicLong();
        final AtomicBoolean passRunning = new AtomicBoolean();
        final AtomicBoolean scalePending = new AtomicBoolean();
        volatile Instant lastActiveTime;
        final Map<String, Integer> failures = new ConcurrentHashMap<>();
        final Map<String, Reading> lastPoll = new ConcurrentHashMap<>();
        volatile int currentReplicas = -1;
        volatile boolean fallbackActive;
        List<Condition> conditions = List.of();
        StatusView written;
        CompletableFuture<Void> writes = CompletableFuture.completedFuture(null);

        Loop(String namespace, String name) {
            this.namespace = namespace;
            this.name = name;
        }

        Registration registration() {
            return registration;
        }

        int currentReplicas() {
            return currentReplicas;
        }

        Optional<Reading> lastPoll(String metricName) {
            return Optional.ofNullable(lastPoll.get(metricName));
        }

        /** Counts a read for KEDA's per-metric health; only kept when fallback is configured. */
        int recordHealth(String metricName, boolean ok) {
            if (ok) {
                failures.put(metricName, 0);
                return 0;
            }
            return failures.merge(metricName, 1, Integer::sum);
        }

        int failures(String metricName) {
            return failures.getOrDefault(metricName, 0);
        }
    }

    private final ClusterAccess cluster;
    private final SourceGuards guards;
    private final ScalingMetrics metrics;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService workers;
    private final ExecutorService writers;
    private final KubernetesSerialization serialization;
    private final Map<String, Loop> loops = new ConcurrentHashMap<>();
    private final AtomicLong skippedTicks = new AtomicLong();
    private final AtomicLong passes = new AtomicLong();
    private volatile boolean leading;

    ScaleLoops(ClusterAccess cluster, SourceGuards guards, ScalingMetrics metrics, Clock clock,
            ScheduledExecutorService scheduler, ExecutorService workers, ExecutorService writers,
            KubernetesSerialization serialization) {
        this.cluster = cluster;
        this.guards = guards;
        this.metrics = metrics;
        this.clock = clock;
        this.scheduler = scheduler;
        this.workers = workers;
        this.writers = writers;
        this.serialization = serialization;
    }

    static String key(String namespace, String name) {
        return ScalerCache.key(namespace, name);
    }

    boolean leading() {
        return leading;
    }

    Optional<Loop> find(String namespace, String name) {
        return Optional.ofNullable(loops.get(key(namespace, name)));
    }

    Collection<Loop> all() {
        return loops.values();
    }

    long skippedTicks() {
        return skippedTicks.get();
    }

    long passes() {
        return passes.get();
    }

    /**
     * Called by the reconciler after every successful reconcile: starts the loop, restarts it when the generation,
     * the scalers or the interval changed, or else just refreshes the ScaledObject it reads (annotations, the
     * status the reconciler wrote).
     */
    void register(ScaledObject scaledObject, ScaleTargets.Target target, ScalerCache.Entry scalers) {
        Registration registration = Registration.of(scaledObject, target, scalers, guards, metrics);
        String namespace = scaledObject.getMetadata().getNamespace();
        String name = scaledObject.getMetadata().getName();
        Loop loop = loops.computeIfAbsent(key(namespace, name), k -> {
            metrics.registered(namespace, scalers.configs().stream().map(TriggerConfig::type).toList());
            return new Loop(namespace, name);
        });
        metrics.paused(namespace, name, Annotations.anyPause(scaledObject));
        boolean restart;
        synchronized (loop) {
            Registration previous = loop.registration;
            restart = previous == null || previous.generation() != registration.generation()
                    || previous.scalers() != registration.scalers()
                    || !previous.pollingInterval().equals(registration.pollingInterval());
            adoptStatus(loop, scaledObject.getStatus(), previous == null);
            loop.registration = registration;
        }
        if (restart && leading) {
            schedule(loop, false);
        }
    }

    /** Stops a ScaledObject's loop for good (deleted, paused, no longer valid). Replicas stay as they are. */
    void unregister(String namespace, String name) {
        Loop loop = loops.remove(key(namespace, name));
        if (loop != null) {
            cancel(loop);
            metrics.forget(namespace, name);
            Registration registration = loop.registration;
            if (registration != null) {
                metrics.unregistered(namespace, registration.scalers().configs().stream().map(TriggerConfig::type).toList());
            }
        }
    }

    /** Paused outright: the loop stops, {@code keda_scaled_object_paused} says 1. */
    void paused(String namespace, String name) {
        unregister(namespace, name);
        metrics.paused(namespace, name, true);
    }

    /** This replica became the leader: every registered ScaledObject starts scaling. */
    void startAll() {
        leading = true;
        // The registrations a standby holds date from its last reconcile; the old leader has written since.
        Map<String, ScaledObject> current = Map.of();
        try {
            current = cluster.scaledObjects();
        } catch (RuntimeException e) {
            log.warn("Could not list ScaledObjects on taking the lead; loops start from the last reconciled status ({})",
                    e.toString());
        }
        for (Loop loop : loops.values()) {
            ScaledObject fresh = current.get(key(loop.namespace, loop.name));
            if (fresh != null) {
                synchronized (loop) {
                    adoptStatus(loop, fresh.getStatus(), true);
                }
            }
            schedule(loop, true);
        }
        log.info("Leading: started {} scale loops", loops.size());
    }

    /** Leadership lost (or shutdown): every loop stops; nothing is written, replicas stay where they are. */
    void stopAll() {
        leading = false;
        loops.values().forEach(this::cancel);
        log.info("Not leading: stopped {} scale loops", loops.size());
    }

    @Override
    public void close() {
        stopAll();
    }

    /**
     * (Re)starts a loop. A new or changed ScaledObject is polled at once; on taking the lead the first passes are
     * spread over one interval (by key), so that thousands of loops do not all fire in the same instant.
     */
    private void schedule(Loop loop, boolean spread) {
        synchronized (loop) {
            cancel(loop);
            Registration registration = loop.registration;
            if (registration == null || !leading) {
                return;
            }
            long epoch = loop.epoch;
            loop.periodNanos = registration.pollingInterval().toNanos();
            loop.ticks.set(0);
            long delay = spread ? Math.floorMod((long) key(loop.namespace, loop.name).hashCode() * 2_654_435_761L, loop.periodNanos) : 0;
            loop.firstRunNanos = System.nanoTime() + delay;
            loop.schedule = scheduler.scheduleAtFixedRate(() -> dispatch(loop, epoch), delay, loop.periodNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void cancel(Loop loop) {
        synchronized (loop) {
            loop.epoch++;
            ScheduledFuture<?> schedule = loop.schedule;
            if (schedule != null) {
                schedule.cancel(false);
                loop.schedule = null;
            }
        }
    }

    /** On the scheduler thread: only hands the pass to a worker. */
    private void dispatch(Loop loop, long epoch) {
        long scheduled = loop.firstRunNanos + loop.ticks.getAndIncrement() * loop.periodNanos;
        if (!loop.passRunning.compareAndSet(false, true)) {
            skippedTicks.incrementAndGet();
            return;
        }
        try {
            workers.execute(() -> startPass(loop, epoch, scheduled));
        } catch (RejectedExecutionException e) {
            loop.passRunning.set(false);
        }
    }

    private void startPass(Loop loop, long epoch, long scheduledNanos) {
        try {
            Duration lag = Duration.ofNanos(Math.max(0, System.nanoTime() - scheduledNanos));
            AtomicLong gauge = loop.lagGauge;
            if (gauge == null) {
                gauge = metrics.loopLatencyGauge(loop.namespace, loop.name);
                loop.lagGauge = gauge;
            }
            metrics.loopLag(gauge, lag);
            Registration registration = loop.registration;
            List<CompletableFuture<Reading>> reads = registration.metrics().stream().map(this::read).toList();
            CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).whenCompleteAsync((ignored, failure) -> {
                try {
                    finishPass(loop, epoch, registration, reads.stream().map(CompletableFuture::join).toList());
                } catch (RuntimeException e) {
                    log.warn("Scale loop pass for ScaledObject {}/{} failed; the next pass retries ({})",
                            loop.namespace, loop.name, e.toString());
                } finally {
                    loop.passRunning.set(false);
                }
            }, workers);
        } catch (RuntimeException e) {
            loop.passRunning.set(false);
            log.warn("Scale loop pass for ScaledObject {}/{} could not start ({})", loop.namespace, loop.name, e.toString());
        }
    }

    /** One guarded read; never fails: a failure becomes a {@link Reading} with its cause. Records KEDA's series. */
    CompletableFuture<Reading> read(TriggerMetric metric) {
        long start = System.nanoTime();
        String metricName = metric.spec().metricName();
        ScalingMetrics.TriggerMeters meters = metric.meters();
        return guards.sample(metric.guard(), metric.config(), metric.scaler(), metricName).handle((sample, failure) -> {
            meters.latency(Duration.ofNanos(System.nanoTime() - start));
            Instant now = clock.instant();
            if (failure != null) {
                meters.error();
                return new Reading(metricName, List.of(), false, now, SourceGuards.unwrap(failure));
            }
            if (!sample.values().isEmpty()) {
                meters.value(sample.values().get(0).value().toDouble());
            }
            meters.active(sample.active());
            return new Reading(metricName, sample.values(), sample.active(), now, null);
        });
    }

    private void finishPass(Loop loop, long epoch, Registration registration, List<Reading> readings) {
        if (loop.epoch != epoch || !leading) {
            return;
        }
        passes.incrementAndGet();
        ScaledObject so = registration.scaledObject();
        Optional<Fallback> fallback = registration.fallback();
        boolean active = readings.stream().anyMatch(r -> r.ok() && r.active());
        boolean error = readings.stream().anyMatch(r -> !r.ok());
        if (error) {
            metrics.scaledObjectError(loop.namespace, loop.name);
            readings.stream().filter(r -> !r.ok()).forEach(r -> log.debug("ScaledObject {}/{}: metric {} could not be read ({})",
                    loop.namespace, loop.name, r.metricName(), SourceGuards.describe(r.failure())));
        }
        for (Reading reading : readings) {
            loop.lastPoll.put(reading.metricName(), reading);
            loop.recordHealth(reading.metricName(), reading.ok());
        }

        int current;
        try {
            current = cluster.currentReplicas(registration.target());
        } catch (KubernetesClientException e) {
            synchronized (loop) {
                List<Condition> conditions = new ArrayList<>(loop.conditions);
                setCondition(conditions, new Condition(Conditions.READY, Condition.FALSE, "ErrorGettingCurrentReplicas",
                        "Error getting current replicas of " + registration.target().describe() + ": HTTP " + e.getCode()));
                writeStatusIfChanged(loop, epoch, so, view(loop, conditions, registration, fallback.isPresent(), false));
            }
            return;
        }
        loop.currentReplicas = current;
        Instant now = clock.instant();
        ScaledObjectSpec spec = registration.spec();
        OptionalInt fallbackReplicas = fallback.map(f -> OptionalInt.of(f.replicas())).orElse(OptionalInt.empty());
        boolean forced = Annotations.bool(so, KedaApi.FORCE_ACTIVATION);

        synchronized (loop) {
            var state = new ScaleDecision.ScaleState(current, spec.minReplicaCountOrDefault(),
                    spec.idleReplicaCount() == null ? OptionalInt.empty() : OptionalInt.of(spec.idleReplicaCount()),
                    active, forced, error, fallbackReplicas, Annotations.fullyPaused(so),
                    Annotations.bool(so, KedaApi.PAUSED_SCALE_IN), Annotations.bool(so, KedaApi.PAUSED_SCALE_OUT),
                    Optional.ofNullable(loop.lastActiveTime), creationTime(so),
                    Duration.ofSeconds(spec.cooldownPeriodOrDefault()),
                    Duration.ofSeconds(spec.initialCooldownPeriod() == null ? 0 : spec.initialCooldownPeriod()), now);
            ScaleDecision decision = ScaleDecision.decide(state);
            if (decision.marksActive()) {
                loop.lastActiveTime = now;
            }
            decision.targetReplicas().ifPresent(to -> scale(loop, epoch, registration, decision, current, to, readings));

            List<Condition> conditions = new ArrayList<>(loop.conditions);
            if (active || forced) {
                setCondition(conditions, new Condition(Conditions.ACTIVE, Condition.TRUE, "ScalerActive", forced && !active
                        ? "Scaling is performed because the ScaledObject is forced active by annotation"
                        : "Scaling is performed because triggers are active"));
            } else if (decision instanceof ScaleDecision.CoolingDown) {
                setCondition(conditions, new Condition(Conditions.ACTIVE, Condition.FALSE, "ScalerCooldown",
                        "Scaler cooling down because triggers are not active"));
            } else {
                setCondition(conditions, new Condition(Conditions.ACTIVE, Condition.FALSE, "ScalerNotActive",
                        "Scaling is not performed because triggers are not active"));
            }
            if (error && (active || forced)) {
                setCondition(conditions, new Condition(Conditions.READY, Condition.UNKNOWN, "PartialTriggerError",
                        "Some triggers defined in ScaledObject are not working correctly"));
            } else if (error) {
                setCondition(conditions, new Condition(Conditions.READY, Condition.FALSE, "TriggerError",
                        "Triggers defined in ScaledObject are not working correctly"));
            } else {
                setCondition(conditions, new Condition(Conditions.READY, Condition.TRUE, Conditions.READY_REASON,
                        Conditions.READY_MESSAGE));
            }
            boolean fallbackActive = fallback.isPresent() && registration.metrics().stream()
                    .anyMatch(m -> fallback.get().appliesAfter(loop.failures(m.spec().metricName())));
            if (fallback.isPresent()) {
                setCondition(conditions, fallbackActive
                        ? new Condition(Conditions.FALLBACK, Condition.TRUE, "FallbackExists",
                                "At least one trigger is falling back on this scaled object")
                        : new Condition(Conditions.FALLBACK, Condition.FALSE, Conditions.NO_FALLBACK_REASON,
                                Conditions.NO_FALLBACK_MESSAGE));
                if (fallbackActive != loop.fallbackActive) {
                    enqueue(loop, epoch, () -> cluster.event(so, fallbackActive ? EventReason.WARNING : EventReason.NORMAL,
                            fallbackActive ? FALLBACK_ACTIVATED : FALLBACK_DEACTIVATED,
                            fallbackActive ? "ScaledObject fell back to " + fallback.get().replicas() + " replicas ("
                                    + fallback.get().behavior().parameterValue() + ") after "
                                    + (fallback.get().failureThreshold() + 1) + " failed reads"
                                    : "Every trigger reads its event source again; fallback ended"));
                }
            }
            loop.fallbackActive = fallbackActive;
            writeStatusIfChanged(loop, epoch, so, view(loop, conditions, registration, fallback.isPresent(), active || forced));
        }
    }

    private void scale(Loop loop, long epoch, Registration registration, ScaleDecision decision, int from, int to,
            List<Reading> readings) {
        if (!loop.scalePending.compareAndSet(false, true)) {
            return;
        }
        ScaleTargets.Target target = registration.target();
        ScaledObject so = registration.scaledObject();
        String what = target.gvkr().kind() + " " + target.namespace() + "/" + target.name();
        boolean activation = decision instanceof ScaleDecision.Activate;
        boolean deactivation = decision instanceof ScaleDecision.Deactivate;
        String triggeredBy = String.join(";", readings.stream().filter(r -> r.ok() && r.active()).map(Reading::metricName).toList());
        enqueue(loop, epoch, () -> {
            try {
                cluster.scale(target, to);
                loop.currentReplicas = to;
                log.info("Scaled {} from {} to {} ({})", what, from, to, decision.getClass().getSimpleName());
                if (activation) {
                    cluster.event(so, EventReason.NORMAL, SCALE_TARGET_ACTIVATED,
                            "Scaled " + what + " from " + from + " to " + to + (triggeredBy.isEmpty() ? "" : ", triggered by " + triggeredBy));
                } else if (deactivation) {
                    cluster.event(so, EventReason.NORMAL, SCALE_TARGET_DEACTIVATED, "Deactivated " + what + " from " + from + " to " + to);
                }
            } catch (KubernetesClientException e) {
                log.warn("Could not scale {} from {} to {}; the next pass retries (HTTP {})", what, from, to, e.getCode());
                cluster.event(so, EventReason.WARNING, activation ? SCALE_TARGET_ACTIVATION_FAILED : SCALE_TARGET_DEACTIVATION_FAILED,
                        "Failed to scale " + what + " from " + from + " to " + to + ": HTTP " + e.getCode());
            } finally {
                loop.scalePending.set(false);
            }
        });
    }

    private StatusView view(Loop loop, List<Condition> conditions, Registration registration, boolean fallbackConfigured,
            boolean activeNow) {
        Map<String, HealthStatus> health = null;
        if (fallbackConfigured) {
            health = new TreeMap<>();
            for (TriggerMetric m : registration.metrics()) {
                int failures = loop.failures(m.spec().metricName());
                health.put(m.spec().metricName(), new HealthStatus(failures, failures == 0 ? "Happy" : "Failing"));
            }
        }
        Map<String, TriggerActivity> activity = new TreeMap<>();
        for (TriggerMetric m : registration.metrics()) {
            Reading reading = loop.lastPoll.get(m.spec().metricName());
            activity.put(m.spec().metricName(), new TriggerActivity(reading != null && reading.ok() && reading.active()));
        }
        return new StatusView(persistedLastActiveTime(loop, activeNow), health, activity, List.copyOf(conditions));
    }

    /**
     * lastActiveTime as it goes into the status (whole seconds, as metav1.Time). While the ScaledObject stays active it
     * is not refreshed on every pass (KEDA writes it every pass: a write per ScaledObject per pollingInterval); it is
     * written with any other status change and at once when the ScaledObject turns inactive, which is when the
     * cooldown starts counting from it. A new leader or a restarted controller that finds Active=True in the status
     * counts the ScaledObject as active until it takes over ({@link #adoptStatus}), so no cooldown ends early.
     */
    private String persistedLastActiveTime(Loop loop, boolean activeNow) {
        Instant exact = loop.lastActiveTime;
        String previous = loop.written == null ? null : loop.written.lastActiveTime();
        if (exact == null || (activeNow && previous != null)) {
            return previous;
        }
        Instant written = parse(previous);
        Instant truncated = exact.truncatedTo(ChronoUnit.SECONDS);
        return written != null && !truncated.isAfter(written) ? previous : truncated.toString();
    }

    private void writeStatusIfChanged(Loop loop, long epoch, ScaledObject so, StatusView view) {
        loop.conditions = view.conditions();
        StatusView before = loop.written;
        if (view.equals(before)) {
            return;
        }
        if (loop.lastActiveTime != null) {
            // Writing anyway: bring lastActiveTime up to date as well.
            String exact = loop.lastActiveTime.truncatedTo(ChronoUnit.SECONDS).toString();
            Instant written = parse(view.lastActiveTime());
            if (written == null || loop.lastActiveTime.truncatedTo(ChronoUnit.SECONDS).isAfter(written)) {
                view = new StatusView(exact, view.health(), view.activity(), view.conditions());
            }
        }
        List<Map<String, Object>> ops = new ArrayList<>();
        if (view.lastActiveTime() != null && (before == null || !Objects.equals(view.lastActiveTime(), before.lastActiveTime()))) {
            ops.add(op("/status/lastActiveTime", view.lastActiveTime()));
        }
        if (view.health() != null && (before == null || !Objects.equals(view.health(), before.health()))) {
            ops.add(op("/status/health", view.health()));
        }
        if (before == null || !Objects.equals(view.activity(), before.activity())) {
            ops.add(op("/status/triggersActivity", view.activity()));
        }
        if (before == null || !Objects.equals(view.conditions(), before.conditions())) {
            ops.add(op("/status/conditions", view.conditions()));
        }
        loop.written = view;
        if (ops.isEmpty()) {
            return;
        }
        String patch = serialization.asJson(ops);
        enqueue(loop, epoch, () -> {
            try {
                cluster.patchStatus(so, patch);
            } catch (KubernetesClientException e) {
                // Forget what we believe was written, so the next pass writes again.
                synchronized (loop) {
                    loop.written = null;
                }
                log.warn("Could not write the status of ScaledObject {}/{}; the next pass retries (HTTP {})",
                        loop.namespace, loop.name, e.getCode());
            }
        });
    }

    private static Map<String, Object> op(String path, Object value) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("op", "add");
        op.put("path", path);
        op.put("value", value);
        return op;
    }

    /** Runs writes of one ScaledObject in order on the writer pool; dropped once the loop stopped or lost the lead. */
    private void enqueue(Loop loop, long epoch, Runnable write) {
        loop.writes = loop.writes.thenRunAsync(() -> {
            if (loop.epoch == epoch && leading) {
                write.run();
            }
        }, writers).exceptionally(e -> {
            log.warn("A write for ScaledObject {}/{} failed ({})", loop.namespace, loop.name, e.toString());
            return null;
        });
    }

    /**
     * Takes over what the status says. On a takeover (a new loop after a restart, or a new leader) the failure
     * counts come from {@code health}, and Active=True means the old leader saw the ScaledObject active until it
     * stopped: lastActiveTime counts as now, so the cooldown starts no earlier than this takeover.
     */
    private void adoptStatus(Loop loop, ScaledObjectStatus status, boolean takeover) {
        if (status == null) {
            return;
        }
        Instant persisted = parse(status.getLastActiveTime());
        if (takeover && status.condition(Conditions.ACTIVE).map(Condition::isTrue).orElse(false)) {
            Instant now = clock.instant();
            persisted = persisted == null || persisted.isBefore(now) ? now : persisted;
        }
        if (persisted != null && (loop.lastActiveTime == null || persisted.isAfter(loop.lastActiveTime))) {
            loop.lastActiveTime = persisted;
        }
        if (takeover && status.getHealth() != null) {
            status.getHealth().forEach((metric, health) -> {
                if (health.numberOfFailures() != null) {
                    loop.failures.put(metric, health.numberOfFailures());
                }
            });
        }
        loop.conditions = List.copyOf(status.getConditions());
        loop.written = new StatusView(status.getLastActiveTime(), status.getHealth(), status.getTriggersActivity(),
                List.copyOf(status.getConditions()));
    }

    private static void setCondition(List<Condition> conditions, Condition condition) {
        for (int i = 0; i < conditions.size(); i++) {
            if (conditions.get(i).type().equals(condition.type())) {
                conditions.set(i, condition);
                return;
            }
        }
        conditions.add(condition);
    }

    private static Instant creationTime(ScaledObject so) {
        Instant created = parse(so.getMetadata().getCreationTimestamp());
        return created == null ? Instant.EPOCH : created;
    }

    static Instant parse(String timestamp) {
        if (timestamp == null || timestamp.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
