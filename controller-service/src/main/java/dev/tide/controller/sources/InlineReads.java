package dev.tide.controller.sources;

import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerSample;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads of scalers that answer from memory (SPI 1.7, {@link Scaler#answersFromMemory()}), made on the calling loop
 * thread: no sampler hand-off, no deadline timer, no hand-off back. That is most of what a pass of a cheap scaler
 * costs otherwise.
 *
 * <p>The promise is checked, so that a scaler that breaks it costs its own connection and not the loops: a watchdog
 * on the scheduler looks at the calls in progress a few times a second; a call past its trigger's timeout is
 * interrupted, and its connection's claim is revoked (its reads go to sampler threads from then on). A call that
 * returns late revokes it too. One slot per thread that ever read inline; no allocation per read.
 */
final class InlineReads {

    /** How often the watchdog looks; a broken promise holds a loop thread at most the timeout plus this. */
    static final Duration WATCH_INTERVAL = Duration.ofMillis(100);

    private final List<Slot> slots = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Slot> slot = ThreadLocal.withInitial(this::newSlot);

    InlineReads(ScheduledExecutorService scheduler) {
        scheduler.scheduleWithFixedDelay(this::watch, WATCH_INTERVAL.toNanos(), WATCH_INTERVAL.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Whether this read may run on the calling thread. */
    static boolean allowed(Scaler scaler, SourceLoad load) {
        return !load.inlineRevoked && scaler.answersFromMemory();
    }

    /** Calls the scaler on this thread, watched until {@code deadlineNanos} ({@link System#nanoTime()}). */
    ScalerSample read(Scaler scaler, String metricName, SourceLoad load, long deadlineNanos) {
        Slot mine = slot.get();
        synchronized (mine) {
            mine.load = load;
            mine.deadlineNanos = deadlineNanos;
        }
        try {
            return scaler.sample(metricName);
        } finally {
            boolean watchdogInterrupted;
            synchronized (mine) {
                mine.load = null;
                watchdogInterrupted = mine.interrupted;
                mine.interrupted = false;
            }
            if (watchdogInterrupted) {
                // The watchdog's interrupt was meant for this call only, not for the loop's next task; any other
                // interrupt (the pool shutting down) stays set.
                Thread.interrupted();
            }
            if (watchdogInterrupted || System.nanoTime() - deadlineNanos > 0) {
                load.inlineRevoked = true;
            }
        }
    }

    /** On the scheduler: interrupts a call past its deadline and revokes its connection's claim. */
    void watch() {
        long now = System.nanoTime();
        for (Slot s : slots) {
            if (!s.thread.isAlive()) {
                slots.remove(s);
                continue;
            }
            synchronized (s) {
                if (s.load != null && !s.interrupted && now - s.deadlineNanos > 0) {
                    s.load.inlineRevoked = true;
                    s.interrupted = true;
                    s.thread.interrupt();
                }
            }
        }
    }

    private Slot newSlot() {
        Slot s = new Slot(Thread.currentThread());
        slots.add(s);
        return s;
    }

    /** The inline call a thread is in, if any; guarded by its own monitor. */
    private static final class Slot {
        final Thread thread;
        SourceLoad load;
        long deadlineNanos;
        /** Whether the watchdog interrupted the call in progress. */
        boolean interrupted;

        Slot(Thread thread) {
            this.thread = thread;
        }
    }
}
