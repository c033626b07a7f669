package dev.tide.controller.jobs;

import dev.tide.controller.config.LeaderWork;
import dev.tide.controller.config.LoopExecutors;
import dev.tide.controller.kube.JobAccess;
import dev.tide.controller.kube.ObjectKey;
import dev.tide.controller.observability.ScalingMetrics;
import dev.tide.controller.sharding.Moves;
import dev.tide.controller.sharding.Ownership;
import dev.tide.controller.sharding.ShardedWork;
import dev.tide.controller.sources.Reading;
import dev.tide.controller.sources.Sampler;
import dev.tide.controller.sources.ScalerCache;
import dev.tide.controller.sources.TriggerMetric;
import dev.tide.keda.api.KedaApi;
import dev.tide.keda.api.ScaledJob;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ScaledJob loops: one scheduled task per ScaledJob at its pollingInterval on the shared scheduler thread, each
 * pass on the shared worker pool, reads through the shared {@link Sampler} (so a ScaledJob's source is guarded as a
 * ScaledObject's is). {@link JobPass} decides and acts. Only the leader runs them (when sharded, each replica those
 * its {@link Ownership} says it drives); registrations come from the reconciler on every replica.
 */
public final class JobLoops implements LeaderWork, ShardedWork, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobLoops.class);

    private final Sampler sampler;
    private final ScalingMetrics metrics;
    private final LoopExecutors executors;
    private final JobAccess cluster;
    private final JobPass pass;
    private final Map<ObjectKey, JobLoop> loops = new ConcurrentHashMap<>();
    private final AtomicLong passes = new AtomicLong();
    private final Ownership ownership;
    private volatile boolean leading;

    public JobLoops(JobAccess cluster, Sampler sampler, ScalingMetrics metrics, Clock clock, LoopExecutors executors,
            String operatorVersion) {
        this(cluster, sampler, metrics, clock, executors, operatorVersion, new Ownership(clock));
    }

    public JobLoops(JobAccess cluster, Sampler sampler, ScalingMetrics metrics, Clock clock, LoopExecutors executors,
            String operatorVersion, Ownership ownership) {
        this.ownership = ownership;
        this.cluster = cluster;
        this.sampler = sampler;
        this.metrics = metrics;
        this.executors = executors;
        this.pass = new JobPass(cluster, metrics, clock, operatorVersion);
        metrics.ownedObjects(kind(), () -> driven().size());
    }

    /** Whether this replica runs the ScaledJob's loop now: it leads and, when sharded, owns the ScaledJob. */
    private boolean drives(ObjectKey key) {
        return leading && ownership.drives(key);
    }

    @Override
    public String kind() {
        return KedaApi.SCALED_JOB_KIND;
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

    /** ScaledJobs with a loop registered on this replica. */
    public int size() {
        return loops.size();
    }

    public long passes() {
        return passes.get();
    }

    /**
     * Called by the reconciler after every successful reconcile: starts the loop, restarts it when the generation,
     * the scalers or the interval changed, or else only refreshes the ScaledJob it reads.
     */
    public void register(ScaledJob scaledJob, ScalerCache.Entry scalers) {
        ObjectKey key = ObjectKey.of(scaledJob);
        JobLoop loop = loops.computeIfAbsent(key, k -> {
            metrics.registeredJob(k.namespace(), triggerTypes(scalers));
            return new JobLoop(k);
        });
        List<TriggerMetric> triggerMetrics = sampler.metrics(scalers, true);
        boolean restart;
        synchronized (loop) {
            JobRegistration previous = loop.registration;
            JobRegistration registration = JobRegistration.of(scaledJob, scalers, triggerMetrics);
            restart = previous == null || previous.generation() != registration.generation() || previous.scalers() != scalers
                    || !previous.pollingInterval().equals(registration.pollingInterval());
            loop.adopt(scaledJob.getStatus());
            loop.registration = registration;
        }
        if (restart && drives(key)) {
            schedule(loop, false);
        }
    }

    /** Stops a ScaledJob's loop for good (deleted, paused, no longer valid). Its Jobs run on. */
    public void unregister(ObjectKey key) {
        JobLoop loop = loops.remove(key);
        if (loop != null) {
            cancel(loop);
            metrics.forgetJob(key.namespace(), key.name());
            JobRegistration registration = loop.registration;
            if (registration != null) {
                metrics.unregisteredJob(key.namespace(), triggerTypes(registration.scalers()));
            }
        }
    }

    private static List<String> triggerTypes(ScalerCache.Entry scalers) {
        return scalers.configs().stream().map(c -> c.type()).toList();
    }

    @Override
    public void startAll() {
        leading = true;
        List<JobLoop> started = take(loops.values().stream().filter(loop -> drives(loop.key)).toList());
        if (!started.isEmpty()) {
            log.info("Leading: started {} job loops", started.size());
        }
    }

    /** Sharded: the loops of the ScaledJobs this replica gained start, those of the ones it lost stop. */
    @Override
    public void rebalance() {
        if (!leading) {
            return;
        }
        Moves.rebalance(kind(), loops.values(), loop -> loop.registration != null && drives(loop.key), loop -> loop.schedule != null,
                this::cancel, this::take);
    }

    /** Starts the loops this replica takes over, each from the status as it is now. */
    private List<JobLoop> take(List<JobLoop> taken) {
        if (taken.isEmpty()) {
            return taken;
        }
        Map<ObjectKey, ScaledJob> current = Map.of();
        try {
            current = cluster.scaledJobs();
        } catch (RuntimeException e) {
            log.warn("Could not list ScaledJobs on taking them over; job loops start from the last reconciled status ({})",
                    e.toString());
        }
        for (JobLoop loop : taken) {
            ScaledJob fresh = current.get(loop.key);
            if (fresh != null) {
                loop.adopt(fresh.getStatus());
            }
            schedule(loop, true);
        }
        return taken;
    }

    @Override
    public void stopAll() {
        leading = false;
        loops.values().forEach(this::cancel);
    }

    @Override
    public void close() {
        stopAll();
    }

    /**
     * (Re)starts a loop. A new or changed ScaledJob is polled at once; on taking the lead the first passes are spread
     * over one interval (by key), as the scale loops do, so that a thousand loops do not all fire in one instant.
     */
    private void schedule(JobLoop loop, boolean spread) {
        synchronized (loop) {
            cancel(loop);
            JobRegistration registration = loop.registration;
            if (registration == null || !drives(loop.key)) {
                return;
            }
            long epoch = loop.epoch;
            long period = registration.pollingInterval().toNanos();
            loop.periodNanos = period;
            long delay = spread ? Math.floorMod((long) loop.key.hashCode() * 2_654_435_761L, period) : 0;
            loop.firstRunNanos = System.nanoTime() + delay;
            loop.ticks.set(0);
            loop.schedule = executors.scheduler().scheduleAtFixedRate(() -> dispatch(loop, epoch), delay, period, TimeUnit.NANOSECONDS);
        }
    }

    private void cancel(JobLoop loop) {
        synchronized (loop) {
            loop.epoch++;
            if (loop.schedule != null) {
                loop.schedule.cancel(false);
                loop.schedule = null;
            }
        }
    }

    /** On the scheduler thread: only hands the pass to a worker; a pass still running makes this tick skip. */
    private void dispatch(JobLoop loop, long epoch) {
        long scheduled = loop.firstRunNanos + loop.ticks.getAndIncrement() * loop.periodNanos;
        if (!loop.passRunning.compareAndSet(false, true)) {
            return;
        }
        try {
            executors.workers().execute(() -> startPass(loop, epoch, scheduled));
        } catch (RejectedExecutionException e) {
            loop.passRunning.set(false);
        }
    }

    private void startPass(JobLoop loop, long epoch, long scheduledNanos) {
        try {
            if (loop.lagGauge == null) {
                loop.lagGauge = metrics.jobLoopLatencyGauge(loop.key.namespace(), loop.key.name());
            }
            metrics.loopLag(loop.lagGauge, Duration.ofNanos(Math.max(0, System.nanoTime() - scheduledNanos)));
            JobRegistration registration = loop.registration;
            List<CompletableFuture<Reading>> reads = registration.metrics().stream().map(sampler::read).toList();
            CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).whenCompleteAsync((ignored, failure) -> {
                try {
                    // The fence: a replica whose Lease lapsed, or that no longer owns the ScaledJob, writes nothing.
                    if (loop.epoch == epoch && drives(loop.key)) {
                        passes.incrementAndGet();
                        synchronized (loop) {
                            pass.run(loop, registration, reads.stream().map(CompletableFuture::join).toList());
                        }
                    }
                } catch (RuntimeException | LinkageError | StackOverflowError e) {
                    failed(loop, epoch, e);
                } finally {
                    loop.passRunning.set(false);
                }
            }, executors.workers());
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            loop.passRunning.set(false);
            failed(loop, epoch, e);
        }
    }

    /**
     * A failure of the loop machinery on one object: reported on that object; the next pass tries again. A failure
     * of a pass that no longer counts (the loop was restarted, the lead lost, the pools closing) is not reported.
     */
    private void failed(JobLoop loop, long epoch, Throwable e) {
        if (loop.epoch != epoch || !drives(loop.key)) {
            log.debug("A job-loop pass of ScaledJob {} ended after its loop stopped ({})", loop.key, e.toString());
            return;
        }
        log.warn("The job loop of ScaledJob {} failed; the next pass retries", loop.key, e);
        try {
            synchronized (loop) {
                pass.loopFailed(loop, "the job loop failed (" + e.getClass().getSimpleName() + "); the next pass retries");
            }
        } catch (RuntimeException reportFailed) {
            log.warn("Could not report the failure of ScaledJob {}'s job loop ({})", loop.key, reportFailed.toString());
        }
    }
}
