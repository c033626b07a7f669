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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Guards every read of an event source with resilience4j, one set of instances per event-source cluster, so that a
 * dead or slow cluster costs its own triggers and nobody else's:
 * <ul>
 *   <li>a bulkhead caps the calls in flight to one cluster; its permit is held until the scaler call really
 *       returns (not until the timeout), so a hanging cluster can pin at most that many sampler threads;</li>
 *   <li>a circuit breaker stops calling a cluster that keeps failing, and answers at once instead;</li>
 *   <li>a timeout (the trigger's own, KEDA's {@code KEDA_HTTP_DEFAULT_TIMEOUT}) bounds each attempt;</li>
 *   <li>a retry with randomized exponential backoff (KEDA retries a failed read once) runs on the scheduler, never
 *       sleeping on a thread.</li>
 * </ul>
 *
 * <p>The cluster is named by the trigger's {@link ConnectionKey}, which its scaler factory gives (SPI 1.1): triggers of
 * any plugin that share a connection share these instances; the instance name is the key's hash, never its inputs.
 */
public final class SourceGuards {

    private final CircuitBreakerRegistry circuitBreakers;
    private final BulkheadRegistry bulkheads;
    private final RetryRegistry retries;
    private final ExecutorService samplers;
    private final ScheduledExecutorService scheduler;

    public SourceGuards(CircuitBreakerRegistry circuitBreakers, BulkheadRegistry bulkheads, RetryRegistry retries,
            ExecutorService samplers, ScheduledExecutorService scheduler) {
        this.circuitBreakers = circuitBreakers;
        this.bulkheads = bulkheads;
        this.retries = retries;
        this.samplers = samplers;
        this.scheduler = scheduler;
    }

    /** The resilience4j instances of one event-source cluster, looked up once per trigger. */
    public record Guard(String cluster, CircuitBreaker breaker, Bulkhead bulkhead, Retry retry) {
    }

    public Guard guard(ConnectionKey connection) {
        String cluster = connection.id();
        return new Guard(cluster, circuitBreakers.circuitBreaker(cluster), bulkheads.bulkhead(cluster), retries.retry(cluster));
    }

    /** One guarded read; the future fails with the scaler's exception, a timeout or a resilience4j refusal. */
    CompletableFuture<ScalerSample> sample(Guard guard, TriggerConfig config, Scaler scaler, String metricName) {
        long timeoutMillis = config.timeout().toMillis();
        return guard.retry().executeCompletionStage(scheduler,
                () -> attempt(guard.breaker(), guard.bulkhead(), scaler, metricName, timeoutMillis)).toCompletableFuture();
    }

    private CompletableFuture<ScalerSample> attempt(CircuitBreaker breaker, Bulkhead bulkhead, Scaler scaler,
            String metricName, long timeoutMillis) {
        if (!breaker.tryAcquirePermission()) {
            return CompletableFuture.failedFuture(CallNotPermittedException.createCallNotPermittedException(breaker));
        }
        if (!bulkhead.tryAcquirePermission()) {
            breaker.releasePermission();
            return CompletableFuture.failedFuture(BulkheadFullException.createBulkheadFullException(bulkhead));
        }
        long start = System.nanoTime();
        CompletableFuture<ScalerSample> call;
        try {
            call = CompletableFuture.supplyAsync(() -> {
                try {
                    return scaler.sample(metricName);
                } finally {
                    bulkhead.onComplete();
                }
            }, samplers);
        } catch (RejectedExecutionException e) {
            bulkhead.onComplete();
            breaker.releasePermission();
            return CompletableFuture.failedFuture(e);
        }
        return call.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).whenComplete((sample, failure) -> {
            long elapsed = System.nanoTime() - start;
            if (failure == null) {
                breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
            } else {
                breaker.onError(elapsed, TimeUnit.NANOSECONDS, unwrap(failure));
            }
        });
    }

    public static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** A short, stable description of why a read failed; never the exception's message (it may quote a secret). */
    public static String describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof TimeoutException) {
            return "timed out";
        }
        if (cause instanceof CallNotPermittedException) {
            return "circuit breaker open for this event source";
        }
        if (cause instanceof BulkheadFullException) {
            return "too many calls in flight to this event source";
        }
        return cause.getClass().getSimpleName();
    }
}
