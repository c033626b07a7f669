package dev.tide.controller.scaling;

import dev.tide.controller.config.LeaderWork;
import dev.tide.controller.config.LoopExecutors;
import dev.tide.controller.kube.ClusterAccess;
import dev.tide.controller.kube.ObjectKey;
import dev.tide.controller.kube.ScaleClient;
import dev.tide.controller.observability.ScalingMetrics;
import dev.tide.controller.sharding.Moves;
import dev.tide.controller.sharding.Ownership;
import dev.tide.controller.sharding.ShardedWork;
import dev.tide.controller.sources.PassRequests;
import dev.tide.controller.sources.Reading;
import dev.tide.controller.sources.Sampler;
import dev.tide.controller.sources.ScalerCache;
import dev.tide.keda.api.Annotations;
import dev.tide.keda.api.KedaApi;
import dev.tide.keda.api.ScaledObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scale loops (KEDA's {@code scale_handler.go}): one scheduled task per ScaledObject at its pollingInterval on
 * one shared scheduler thread; passes run on a bounded worker pool, never a thread per ScaledObject.
 *
 * <p>This class only schedules. A pass samples every trigger at once through the {@link Sampler} (each read
 * bounded by its timeout), {@link ScalePass} turns the readings into a {@link PassResult}, and the
 * {@link PassExecutor} acts on it. A pass that is still running when its next tick comes makes that tick skip, as
 * KEDA's per-object mutex would make it wait. Loop lag (actual minus scheduled start) is measured on every pass.
 *
 * <p>Registrations come from the reconciler on every replica; only while this replica leads are they scheduled, and
 * when sharded only those its {@link Ownership} says it drives. Losing leadership (or an object, or the validity of
 * its member Lease) cancels the schedules and drops pending writes, leaving the replicas where they are.
 */
public final class ScaleLoops implements LeaderWork, ShardedWork, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ScaleLoops.class);

    private final ClusterAccess cluster;
    private final Sampler sampler;
    private final ScalingMetrics metrics;
    private final Clock clock;
    private final LoopExecutors executors;
    private final PublishedMetrics published;
    private final ScalePass pass;
    private final PassExecutor executor;
    private final Ownership ownership;
    private final SeriesAttacher attacher = new SeriesAttacher();
    private final Map<ObjectKey, LoopState> loops = new ConcurrentHashMap<>();
    private final AtomicLong skippedTicks = new AtomicLong();
    private final AtomicLong passes = new AtomicLong();

    public ScaleLoops(ClusterAccess cluster, Sampler sampler, ScalingMetrics metrics, Clock clock, LoopExecutors executors,
            PublishedMetrics published, PassRequests passRequests) {
        this(cluster, sampler, metrics, clock, executors, published, passRequests, new Ownership(clock));
    }

    public ScaleLoops(ClusterAccess cluster, Sampler sampler, ScalingMetrics metrics, Clock clock, LoopExecutors executors,
            PublishedMetrics published, PassRequests passRequests, Ownership ownership) {
        this.ownership = ownership;
        this.cluster = cluster;
        this.sampler = sampler;
        this.metrics = metrics;
        this.clock = clock;
        this.executors = executors;
        this.published = published;
        this.pass = new ScalePass(cluster, metrics, clock);
        this.executor = new PassExecutor(cluster, executors.writers(), published, metrics);
        metrics.leader(() -> published.leading() && ownership.active());
        metrics.ownedObjects(kind(), () -> driven().size());
        passRequests.handleWith(this::passNow);
    }

    public boolean leading() {
        return published.leading();
    }

    /** Whether this replica runs the object's loop now: it leads and, when sharded, owns the object. */
    private boolean drives(ObjectKey key) {
        return published.leading() && ownership.drives(key);
    }

    @Override
    public String kind() {
        return KedaApi.SCALED_OBJECT_KIND;
    }

    @Override
    public Set<ObjectKey> registered() {
        return Set.copyOf(loops.keySet());
    }

    @Override
    public Set<ObjectKey> driven() {
        return loops.values().stream().filter(loop -> loop.schedule != null && drives(loop.key)).map(loop -> loop.key)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** ScaledObjects with a loop registered on this replica (leading or not). */
    public int size() {
        return loops.size();
    }

    public long skippedTicks() {
        return skippedTicks.get();
    }

    /** Taken-over loops whose series are still being registered ({@link SeriesAttacher}); 0 once a takeover is complete. */
    public int seriesPending() {
        return attacher.pending();
    }

    public long passes() {
        return passes.get();
    }

    /**
     * Called by the reconciler after every successful reconcile: starts the loop, restarts it when the generation,
     * the scalers or the interval changed, or else just refreshes the ScaledObject it reads (annotations, the
     * status the reconciler wrote).
     */
    public void register(ScaledObject scaledObject, ScaleClient.Target target, ScalerCache.Entry scalers) {
        ObjectKey key = ObjectKey.of(scaledObject);
        LoopState existing = loops.get(key);
        Registration registration = Registration.of(scaledObject, target, scalers,
                sampler.metrics(scalers, !scaledObject.getSpec().usesScalingModifiers(),
                        existing == null || existing.registration == null ? List.of() : existing.registration.metrics()),
                existing == null ? null : existing.registration, metrics);
        LoopState loop = loops.computeIfAbsent(key, k -> {
            metrics.registered(k.namespace(), registration.triggerTypes());
            return new LoopState(k, metrics.objectMeters(k.namespace(), k.name()));
        });
        loop.meters.paused(Annotations.anyPause(scaledObject));
        boolean restart;
        synchronized (loop) {
            Registration previous = loop.registration;
            restart = previous == null || previous.generation() != registration.generation()
                    || previous.scalers() != registration.scalers()
                    || !previous.pollingInterval().equals(registration.pollingInterval());
            loop.adopt(scaledObject.getStatus(), previous == null, clock.instant());
            loop.register(registration);
            published.publish(key, loop.published());
        }
        if (restart && drives(key)) {
            schedule(loop, false);
        }
    }

    /** Stops a ScaledObject's loop for good (deleted, paused, no longer valid). Replicas stay as they are. */
    public void unregister(ObjectKey key) {
        LoopState loop = loops.remove(key);
        if (loop != null) {
            cancel(loop);
            published.withdraw(key);
            metrics.forget(key.namespace(), key.name());
            Registration registration = loop.registration;
            if (registration != null) {
                metrics.unregistered(key.namespace(), registration.triggerTypes());
            }
        }
    }

    /** Paused outright: the loop stops, {@code keda_scaled_object_paused} says 1. */
    public void paused(ObjectKey key) {
        unregister(key);
        metrics.paused(key.namespace(), key.name(), true);
    }

    /** This replica became the leader (or a member of the shards): every ScaledObject it drives starts scaling. */
    public void startAll() {
        published.leading(true);
        List<LoopState> started = take(loops.values().stream().filter(loop -> drives(loop.key)).toList());
        log.info("Leading: started {} scale loops", started.size());
    }

    /** Sharded: the loops of the objects this replica gained start, those of the objects it lost stop. */
    @Override
    public void rebalance() {
        if (!leading()) {
            return;
        }
        Moves.rebalance(kind(), loops.values(), loop -> loop.registration != null && drives(loop.key), loop -> loop.schedule != null,
                this::cancel, this::take);
    }

    /** Starts the loops this replica takes over, each from the status as it is now. */
    private List<LoopState> take(List<LoopState> taken) {
        if (taken.isEmpty()) {
            return taken;
        }
        // The registrations a standby holds date from its last reconcile; the previous driver has written since.
        Map<ObjectKey, ScaledObject> current = Map.of();
        try {
            current = cluster.scaledObjects();
        } catch (RuntimeException e) {
            log.warn("Could not list ScaledObjects on taking them over; loops start from the last reconciled status ({})",
                    e.toString());
        }
        for (LoopState loop : taken) {
            try {
                ScaledObject fresh = current.get(loop.key);
                if (fresh != null) {
                    loop.adopt(fresh.getStatus(), true, clock.instant());
                }
                schedule(loop, true);
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                // One object that cannot start never keeps the others from starting.
                failed(loop, loop.epoch, e);
            }
        }
        return taken;
    }

    /** Leadership lost (or shutdown): every loop stops; nothing is written, replicas stay where they are. */
    public void stopAll() {
        published.leading(false);
        loops.values().forEach(this::cancel);
        log.info("Not leading: stopped {} scale loops", loops.size());
    }

    @Override
    public void close() {
        stopAll();
        attacher.close();
    }

    /**
     * (Re)starts a loop. A new or changed ScaledObject is polled at once; on taking the lead the first passes are
     * spread over one interval (by key), so that thousands of loops do not all fire in the same instant.
     */
    private void schedule(LoopState loop, boolean spread) {
        synchronized (loop) {
            cancel(loop);
            Registration registration = loop.registration;
            if (registration == null || !drives(loop.key)) {
                return;
            }
            long epoch = loop.epoch;
            if (spread) {
                // A takeover of many loops: their series are registered in the background (see SeriesAttacher).
                attacher.attach(loop, epoch);
            } else {
                // One loop (re)started: its series stay in the registry without a gap.
                loop.attachMeters();
            }
            loop.periodNanos = registration.pollingInterval().toNanos();
            loop.ticks.set(0);
            long delay = spread ? Math.floorMod((long) loop.key.hashCode() * 2_654_435_761L, loop.periodNanos) : 0;
            loop.firstRunNanos = System.nanoTime() + delay;
            loop.schedule = executors.scheduler().scheduleAtFixedRate(() -> dispatch(loop, epoch), delay, loop.periodNanos,
                    TimeUnit.NANOSECONDS);
        }
    }

    /** Stops the loop here; its series leave the registry with it (a replica exports the series of the loops it drives). */
    private void cancel(LoopState loop) {
        synchronized (loop) {
            loop.epoch++;
            ScheduledFuture<?> schedule = loop.schedule;
            if (schedule != null) {
                schedule.cancel(false);
                loop.schedule = null;
            }
            loop.detachMeters();
        }
    }

    /**
     * A push scaler asked for a pass (SPI 1.4): it runs now, outside the schedule. When a pass is already running it
     * may have read before the push, so another follows as soon as it ends; requests meanwhile coalesce into that one.
     */
    void passNow(ObjectKey key) {
        LoopState loop = loops.get(key);
        if (loop == null || loop.schedule == null || !drives(key)) {
            return;
        }
        long epoch = loop.epoch;
        if (!loop.passRunning.compareAndSet(false, true)) {
            loop.passAgain.set(true);
            return;
        }
        try {
            executors.workers().execute(() -> startPass(loop, epoch, System.nanoTime()));
        } catch (RejectedExecutionException e) {
            loop.passRunning.set(false);
        }
    }

    /** A pass ended: the one requested while it ran, if any, starts now. */
    private void passEnded(LoopState loop) {
        loop.passRunning.set(false);
        if (loop.passAgain.getAndSet(false)) {
            passNow(loop.key);
        }
    }

    /** On the scheduler thread: only hands the pass to a worker. */
    private void dispatch(LoopState loop, long epoch) {
        long scheduled = loop.firstRunNanos + loop.ticks.getAndIncrement() * loop.periodNanos;
        if (!loop.passRunning.compareAndSet(false, true)) {
            skippedTicks.incrementAndGet();
            return;
        }
        try {
            executors.workers().execute(() -> startPass(loop, epoch, scheduled));
        } catch (RejectedExecutionException e) {
            loop.passRunning.set(false);
        }
    }

    private void startPass(LoopState loop, long epoch, long scheduledNanos) {
        CompletableFuture<Reading>[] reads;
        long started;
        Registration registration;
        try {
            started = System.nanoTime();
            loop.meters.lag(Duration.ofNanos(Math.max(0, started - scheduledNanos)));
            registration = loop.registration;
            reads = sampler.readAll(registration.metrics());
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            passEnded(loop);
            failed(loop, epoch, e);
            return;
        }
        if (Sampler.allDone(reads)) {
            // Every scaler answered from memory on this thread: the pass ends here, with no hand-off.
            endPass(loop, epoch, registration, reads, started);
            return;
        }
        try {
            CompletableFuture.allOf(reads).whenCompleteAsync((ignored, failure) -> endPass(loop, epoch, registration, reads, started),
                    executors.workers());
        } catch (RejectedExecutionException e) {
            passEnded(loop);
        }
    }

    private void endPass(LoopState loop, long epoch, Registration registration, CompletableFuture<Reading>[] reads, long started) {
        try {
            List<Reading> readings = new ArrayList<>(reads.length);
            for (CompletableFuture<Reading> read : reads) {
                readings.add(read.join());
            }
            finishPass(loop, epoch, registration, readings);
            metrics.passDuration(Duration.ofNanos(System.nanoTime() - started));
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            failed(loop, epoch, e);
        } finally {
            passEnded(loop);
        }
    }

    /** A failure of the loop machinery on one object: reported on that object, and the next pass tries again. */
    private void failed(LoopState loop, long epoch, Throwable e) {
        if (!e.getClass().getName().equals(loop.loopFailure)) {
            loop.loopFailure = e.getClass().getName();
            log.warn("The scale loop of ScaledObject {} failed; the next pass retries", loop.key, e);
        } else {
            log.debug("The scale loop of ScaledObject {} failed again ({})", loop.key, e.toString());
        }
        try {
            synchronized (loop) {
                executor.failed(loop, epoch, "the scale loop failed (" + e.getClass().getSimpleName() + "); the next pass retries");
            }
        } catch (RuntimeException reportFailed) {
            log.warn("Could not report the failure of ScaledObject {}'s scale loop ({})", loop.key, reportFailed.toString());
        }
    }

    private void finishPass(LoopState loop, long epoch, Registration registration, List<Reading> readings) {
        // The fence: a replica whose Lease lapsed, or that no longer owns the object, writes nothing.
        if (loop.epoch != epoch || !drives(loop.key)) {
            return;
        }
        passes.incrementAndGet();
        synchronized (loop) {
            executor.apply(loop, epoch, pass.evaluate(loop, registration, readings));
        }
    }
}
