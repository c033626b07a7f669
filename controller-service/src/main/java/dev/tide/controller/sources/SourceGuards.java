package dev.tide.controller.sources;

import dev.tide.scaler.api.ConnectionKey;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.TriggerConfig;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Guards every read of an event source, one set of instances per source connection, so that a dead, slow or hanging
 * source costs its own triggers and nobody else's. Isolation is by construction: a call takes its connection's
 * permits before it takes a thread.
 * <ul>
 *   <li>a circuit breaker stops calling a connection that keeps failing, and answers at once instead;</li>
 *   <li>a connection with a call still running past its deadline is hanging: its next calls are refused at once;
 *       after a missed deadline it is on probation, one call at a time, until a call answers in time. A hanging
 *       source thus holds at most one thread however often its triggers poll;</li>
 *   <li>a bulkhead caps the calls in flight to one connection; its permit is held until the scaler call really
 *       returns (not until the deadline). A read that finds it full waits for a permit, on the scheduler and not on a
 *       thread, within its deadline: a burst on a source that answers (hundreds of triggers on one external scaler,
 *       created at once) is served in turn rather than failed;</li>
 *   <li>a deadline (the trigger's timeout, KEDA's {@code KEDA_HTTP_DEFAULT_TIMEOUT}) fails the read and interrupts
 *       the call, which frees its thread wherever the scaler's client waits interruptibly;</li>
 *   <li>a retry with randomized exponential backoff (KEDA retries a failed read once) runs on the scheduler, never
 *       sleeping on a thread.</li>
 * </ul>
 * The sampler pool grows past its core size rather than queue, so a healthy source never waits for a thread that a
 * hanging one holds. In-flight, overdue and refused calls are exported per connection ({@link SourceLoad}).
 *
 * <p>A scaler that answers from memory (SPI 1.7) is read on the calling thread by {@link InlineReads}: the circuit
 * breaker and the retry still apply, the hand-offs and the deadline timer do not; a retry runs the pooled way.
 *
 * <p>The connection is named by the trigger's {@link ConnectionKey}, which its scaler factory gives (SPI 1.1):
 * triggers of any plugin that share a connection share these instances; the instance name is the key's hash, never
 * its inputs.
 */
public final class SourceGuards {

    private final CircuitBreakerRegistry circuitBreakers;
    private final BulkheadRegistry bulkheads;
    private final RetryRegistry retries;
    private final ExecutorService samplers;
    private final ScheduledExecutorService scheduler;
    private final MeterRegistry meters;
    private final Map<String, SourceLoad> loads = new ConcurrentHashMap<>();
    private final InlineReads inline;

    public SourceGuards(CircuitBreakerRegistry circuitBreakers, BulkheadRegistry bulkheads, RetryRegistry retries,
            ExecutorService samplers, ScheduledExecutorService scheduler, MeterRegistry meters) {
        this.circuitBreakers = circuitBreakers;
        this.bulkheads = bulkheads;
        this.retries = retries;
        this.samplers = samplers;
        this.scheduler = scheduler;
        this.meters = meters;
        this.inline = new InlineReads(scheduler);
    }

    /**
     * The guard instances and the load of one source connection, handed to each trigger at registration and looked
     * up on its first read. Every replica registers every object, but a sharded replica or a standby reads only those
     * it drives: resilience4j's three instances of a connection take about 1.2 KiB, which a replica then spends only
     * on the sources it reads.
     */
    public static final class Guard {

        private final String cluster;
        private final String type;
        private final SourceGuards guards;
        private volatile Instances instances;

        private Guard(String cluster, String type, SourceGuards guards) {
            this.cluster = cluster;
            this.type = type;
            this.guards = guards;
        }

        public String cluster() {
            return cluster;
        }

        CircuitBreaker breaker() {
            return instances().breaker();
        }

        Bulkhead bulkhead() {
            return instances().bulkhead();
        }

        Retry retry() {
            return instances().retry();
        }

        SourceLoad load() {
            return instances().load();
        }

        /** Whether a read has looked the instances up yet. */
        boolean resolved() {
            return instances != null;
        }

        private Instances instances() {
            Instances current = instances;
            if (current == null) {
                // Two first reads may race: the registries and the load map hand both the same instances.
                current = guards.instances(cluster, type);
                instances = current;
            }
            return current;
        }
    }

    private record Instances(CircuitBreaker breaker, Bulkhead bulkhead, Retry retry, SourceLoad load) {
    }

    public Guard guard(ConnectionKey connection) {
        return new Guard(connection.id(), connection.type(), this);
    }

    private Instances instances(String cluster, String type) {
        SourceLoad load = loads.computeIfAbsent(cluster, id -> new SourceLoad(meters, type, id));
        return new Instances(circuitBreakers.circuitBreaker(cluster), bulkheads.bulkhead(cluster), retries.retry(cluster), load);
    }

    /** The first wait for a bulkhead permit; each further one doubles, up to {@link #MAX_PERMIT_WAIT_MILLIS}. */
    static final long FIRST_PERMIT_WAIT_MILLIS = 2;
    static final long MAX_PERMIT_WAIT_MILLIS = 50;

    /** One guarded read; the future fails with the scaler's exception, a timeout or a refusal. */
    CompletableFuture<ScalerSample> sample(Guard guard, TriggerConfig config, Scaler scaler, String metricName) {
        long timeoutNanos = config.timeout().toNanos();
        if (InlineReads.allowed(scaler, guard.load())) {
            boolean[] first = {true};
            return guard.retry().executeCompletionStage(scheduler, () -> {
                if (first[0]) {
                    first[0] = false;
                    return attemptInline(guard, scaler, metricName, System.nanoTime() + timeoutNanos);
                }
                // A retry comes on the scheduler thread, which must never run a scaler.
                return attempt(guard, scaler, metricName, System.nanoTime() + timeoutNanos, FIRST_PERMIT_WAIT_MILLIS);
            }).toCompletableFuture();
        }
        return guard.retry().executeCompletionStage(scheduler,
                () -> attempt(guard, scaler, metricName, System.nanoTime() + timeoutNanos, FIRST_PERMIT_WAIT_MILLIS))
                .toCompletableFuture();
    }

    /** One attempt on the calling thread, behind the circuit breaker; already complete when it returns. */
    private CompletableFuture<ScalerSample> attemptInline(Guard guard, Scaler scaler, String metricName, long deadline) {
        CircuitBreaker breaker = guard.breaker();
        if (!breaker.tryAcquirePermission()) {
            return refusedOpen(guard);
        }
        long start = System.nanoTime();
        try {
            ScalerSample sample = inline.read(scaler, metricName, guard.load(), deadline);
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return CompletableFuture.completedFuture(sample);
        } catch (Throwable failure) {
            // Errors too, as on a sampler thread: they fail this read, not the loop.
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure);
            return CompletableFuture.failedFuture(failure);
        }
    }

    /** The circuit breaker is open: counted as a refusal, failed as resilience4j fails a call it does not permit. */
    private static CompletableFuture<ScalerSample> refusedOpen(Guard guard) {
        guard.load().refused(SourceLoad.Refusal.OPEN);
        return CompletableFuture.failedFuture(CallNotPermittedException.createCallNotPermittedException(guard.breaker()));
    }

    /**
     * @param deadline when this attempt fails, waiting for a permit included, so a read never takes longer than its
     *     timeout (the metrics API's time budget counts on it)
     */
    private CompletableFuture<ScalerSample> attempt(Guard guard, Scaler scaler, String metricName, long deadline,
            long permitWaitMillis) {
        CircuitBreaker breaker = guard.breaker();
        SourceLoad load = guard.load();
        if (!breaker.tryAcquirePermission()) {
            return refusedOpen(guard);
        }
        if (load.hanging()) {
            breaker.releasePermission();
            load.refused(SourceLoad.Refusal.HANGING);
            return CompletableFuture.failedFuture(new SourceHangingException());
        }
        if (!guard.bulkhead().tryAcquirePermission()) {
            breaker.releasePermission();
            if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(permitWaitMillis) < deadline) {
                return afterWait(permitWaitMillis, () -> attempt(guard, scaler, metricName, deadline,
                        Math.min(permitWaitMillis * 2, MAX_PERMIT_WAIT_MILLIS)));
            }
            load.refused(SourceLoad.Refusal.FULL);
            return CompletableFuture.failedFuture(BulkheadFullException.createBulkheadFullException(guard.bulkhead()));
        }
        Call call = new Call(guard, scaler, metricName);
        try {
            call.task = samplers.submit(call::run);
        } catch (RejectedExecutionException e) {
            call.release();
            breaker.releasePermission();
            load.refused(SourceLoad.Refusal.SATURATED);
            return CompletableFuture.failedFuture(e);
        }
        call.timer = scheduler.schedule(call::deadline, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (call.state.get() != Call.RUNNING) {
            // Answered before the timer was set: it would only fire to find nothing to do.
            call.timer.cancel(false);
        }
        return call.result;
    }

    /** The attempt {@code next}, tried again after a wait on the scheduler. */
    private CompletableFuture<ScalerSample> afterWait(long waitMillis, Supplier<CompletableFuture<ScalerSample>> next) {
        CompletableFuture<ScalerSample> result = new CompletableFuture<>();
        try {
            scheduler.schedule(() -> {
                try {
                    next.get().whenComplete((sample, failure) -> {
                        if (failure != null) {
                            result.completeExceptionally(unwrap(failure));
                        } else {
                            result.complete(sample);
                        }
                    });
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }, waitMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /**
     * One call on a sampler thread. Its state goes RUNNING to DONE when the scaler returns first, or RUNNING to
     * OVERDUE when the deadline comes first; an overdue call counts against its connection until it really returns.
     */
    private static final class Call {
        private static final int RUNNING = 0;
        private static final int DONE = 1;
        private static final int OVERDUE = 2;

        final CompletableFuture<ScalerSample> result = new CompletableFuture<>();
        final AtomicInteger state = new AtomicInteger(RUNNING);
        final Guard guard;
        final Scaler scaler;
        final String metricName;
        final long start = System.nanoTime();
        volatile Future<?> task;
        volatile Future<?> timer;

        Call(Guard guard, Scaler scaler, String metricName) {
            this.guard = guard;
            this.scaler = scaler;
            this.metricName = metricName;
            guard.load().callStarted();
        }

        void run() {
            try {
                ScalerSample sample = scaler.sample(metricName);
                guard.breaker().onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                result.complete(sample);
            } catch (Throwable failure) {
                // Errors too (NoClassDefFoundError, StackOverflowError): they fail this read, not the thread's owner.
                guard.breaker().onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure);
                result.completeExceptionally(failure);
            } finally {
                release();
                if (state.compareAndSet(RUNNING, DONE)) {
                    guard.load().probation.set(false);
                    // In time: its deadline timer goes (the scheduler removes cancelled tasks), so the scheduler's
                    // queue holds the calls in flight rather than one timer per read of the last timeout.
                    Future<?> deadlineTimer = timer;
                    if (deadlineTimer != null) {
                        deadlineTimer.cancel(false);
                    }
                } else {
                    guard.load().overdue.decrementAndGet();
                }
            }
        }

        /** On the scheduler: fail the read and interrupt the call if it is still running. */
        void deadline() {
            guard.load().overdue.incrementAndGet();
            if (!state.compareAndSet(RUNNING, OVERDUE)) {
                guard.load().overdue.decrementAndGet();
                return;
            }
            guard.load().probation.set(true);
            TimeoutException timeout = new TimeoutException("no answer within the trigger's timeout");
            guard.breaker().onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, timeout);
            result.completeExceptionally(timeout);
            Future<?> running = task;
            if (running != null) {
                running.cancel(true);
            }
        }

        void release() {
            guard.bulkhead().onComplete();
            guard.load().inFlight.decrementAndGet();
        }
    }

    public static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
