package dev.tide.controller.sources;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one source connection holds right now: calls in flight (each holds a sampler thread), calls still running
 * past their deadline, and the calls refused to keep it within its share. Exported per connection with two
 * low-cardinality labels: the trigger type and the connection's hash (never a host or a secret).
 */
final class SourceLoad {

    /** Why a call was refused before it took a thread. */
    enum Refusal {
        /** The circuit breaker is open. */
        OPEN,
        /** The connection already has its share of calls in flight. */
        FULL,
        /** A previous call has not returned after its deadline: the source hangs. */
        HANGING,
        /** No sampler thread could be had at all. */
        SATURATED
    }

    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger overdue = new AtomicInteger();
    /** Set when a call missed its deadline, cleared when one answers in time: until then one call at a time. */
    final AtomicBoolean probation = new AtomicBoolean();
    /** Set once a read of this connection broke the promise to answer from memory ({@link InlineReads}). */
    volatile boolean inlineRevoked;
    /** Registered on a connection's first refusal of each reason; most connections never refuse a call. */
    private final Counter[] refused = new Counter[Refusal.values().length];
    private final MeterRegistry registry;
    private final Tags tags;
    private volatile boolean gauges;

    SourceLoad(MeterRegistry registry, String type, String source) {
        this.registry = registry;
        this.tags = Tags.of("type", type, "source", source);
    }

    /**
     * A call takes a sampler thread. The in-flight and overdue gauges appear with a connection's first such call: a
     * connection read only inline (a scaler that answers from memory) never holds a thread, so it has none.
     */
    void callStarted() {
        if (!gauges) {
            registerGauges();
        }
        inFlight.incrementAndGet();
    }

    private synchronized void registerGauges() {
        if (gauges) {
            return;
        }
        Gauge.builder("tide.source.calls.in.flight", inFlight, AtomicInteger::get).tags(tags)
                .description("Calls to a source connection that hold a sampler thread now").register(registry);
        Gauge.builder("tide.source.calls.overdue", overdue, AtomicInteger::get).tags(tags)
                .description("Calls to a source connection still running past their deadline").register(registry);
        gauges = true;
    }

    void refused(Refusal refusal) {
        Counter counter = refused[refusal.ordinal()];
        if (counter == null) {
            // Two threads may both get here: the registry hands both the same counter.
            counter = Counter.builder("tide.source.calls.rejected").tags(tags.and("reason", refusal.name().toLowerCase(Locale.ROOT)))
                    .description("Calls to a source connection refused before they took a thread").register(registry);
            refused[refusal.ordinal()] = counter;
        }
        counter.increment();
    }

    /**
     * Whether a new call must be refused: a call is still running past its deadline, or the connection is on
     * probation and already has a call in flight. A hanging source therefore holds at most one thread once it has
     * missed a deadline, however often its triggers poll.
     */
    boolean hanging() {
        return overdue.get() > 0 || probation.get() && inFlight.get() > 0;
    }
}
