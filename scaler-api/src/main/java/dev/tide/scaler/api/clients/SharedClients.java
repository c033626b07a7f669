package dev.tide.scaler.api.clients;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One client per connection identity (an address and a credential), shared by every trigger that uses it and closed
 * when the last of them lets go (SPI 1.4). KEDA opens a client per trigger for most sources; a plugin that pools
 * through this class opens one per cluster and credential however many ScaledObjects point at it.
 *
 * @param <K> what names a connection; its {@code equals} decides sharing, so it must hold every credential input
 * @param <C> the client
 */
public final class SharedClients<K, C> {

    private final Function<K, C> open;
    private final Consumer<C> close;
    private final Map<K, Entry<C>> entries = new HashMap<>();

    /**
     * @param open builds the client for a key; may throw, and then nothing is kept
     * @param close releases a client nobody holds any more; runs outside this pool's lock
     */
    public SharedClients(Function<K, C> open, Consumer<C> close) {
        this.open = open;
        this.close = close;
    }

    /** A share of the client for {@code key}, built on first use. */
    public Lease<C> acquire(K key) {
        C client;
        synchronized (this) {
            Entry<C> entry = entries.computeIfAbsent(key, k -> new Entry<>(open.apply(k)));
            entry.holders++;
            client = entry.client;
        }
        return new Lease<>(client, () -> release(key));
    }

    /** How many distinct clients are open now. */
    public synchronized int size() {
        return entries.size();
    }

    private void release(K key) {
        C released = null;
        synchronized (this) {
            Entry<C> entry = entries.get(key);
            if (entry != null && --entry.holders == 0) {
                entries.remove(key);
                released = entry.client;
            }
        }
        if (released != null) {
            close.accept(released);
        }
    }

    private static final class Entry<C> {
        private final C client;
        private int holders;

        private Entry(C client) {
            this.client = client;
        }
    }

    /** One holder's share of a client; closing it twice releases it once. */
    public static final class Lease<C> implements AutoCloseable {
        private final C client;
        private final Runnable release;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(C client, Runnable release) {
            this.client = client;
            this.release = release;
        }

        public C client() {
            return client;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                release.run();
            }
        }
    }
}
