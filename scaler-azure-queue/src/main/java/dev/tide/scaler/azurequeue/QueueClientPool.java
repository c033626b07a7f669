package dev.tide.scaler.azurequeue;

import com.azure.storage.queue.QueueServiceAsyncClient;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One {@link QueueServiceAsyncClient} per account and credential, shared by every trigger that uses them and dropped
 * when the last of those triggers is closed (KEDA builds one client per trigger).
 */
final class QueueClientPool {

    private final Function<QueueAccess, QueueServiceAsyncClient> clients;
    private final Map<QueueAccess, Entry> entries = new HashMap<>();

    QueueClientPool(Function<QueueAccess, QueueServiceAsyncClient> clients) {
        this.clients = clients;
    }

    /**
     * A share of the client for {@code access}; built on first use.
     *
     * @throws IllegalArgumentException when the client cannot be built; the message holds no credential
     */
    synchronized Lease acquire(QueueAccess access) {
        Entry entry = entries.get(access);
        if (entry == null) {
            entry = new Entry(clients.apply(access));
            entries.put(access, entry);
        }
        entry.references++;
        return new Lease(access, entry.client);
    }

    /** How many distinct clients are held now. */
    synchronized int size() {
        return entries.size();
    }

    private synchronized void release(QueueAccess access) {
        Entry entry = entries.get(access);
        if (entry != null && --entry.references == 0) {
            entries.remove(access);
        }
    }

    private static final class Entry {
        private final QueueServiceAsyncClient client;
        private int references;

        private Entry(QueueServiceAsyncClient client) {
            this.client = client;
        }
    }

    /** One trigger's share of a client; closing it twice releases it once. */
    final class Lease implements AutoCloseable {
        private final QueueAccess access;
        private final QueueServiceAsyncClient client;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(QueueAccess access, QueueServiceAsyncClient client) {
            this.access = access;
            this.client = client;
        }

        QueueServiceAsyncClient client() {
            return client;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                release(access);
            }
        }
    }
}
