package dev.tide.controller.scaling;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Registers the series of the loops a replica takes over, one loop after another on a thread of its own, with a
 * short pause between loops. A loop's series are in the registry only while this replica drives it; taking over
 * 10,000 loops means some 60,000 meters, about a second of CPU for the registry. Done on the scale loops' own threads
 * that burst held the first passes up to 340 ms (the 10,000 × 1 s lag benchmark); here the passes run meanwhile and
 * the values they set are exported as soon as each loop's series are in. A loop stopped before its turn (its epoch
 * moved on) is skipped.
 */
final class SeriesAttacher implements AutoCloseable {

    /** The pause after each loop, so that the passes get the cores first. */
    private static final long PAUSE_NANOS = 20_000;

    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "tide-series-attach");
        t.setDaemon(true);
        return t;
    });

    private final AtomicInteger pending = new AtomicInteger();

    void attach(LoopState loop, long epoch) {
        pending.incrementAndGet();
        try {
            thread.execute(() -> {
                try {
                    synchronized (loop) {
                        if (loop.epoch == epoch && !loop.metersAttached()) {
                            loop.attachMeters();
                        }
                    }
                } finally {
                    pending.decrementAndGet();
                }
                LockSupport.parkNanos(PAUSE_NANOS);
            });
        } catch (RejectedExecutionException e) {
            // Closed: the controller is stopping and exports nothing more.
            pending.decrementAndGet();
        }
    }

    /** Loops whose series are still to be registered: a takeover is over for the registry once this is 0. */
    int pending() {
        return pending.get();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
