package dev.tide.scaler.azurequeue;

import com.azure.storage.queue.QueueServiceAsyncClient;
import dev.tide.scaler.api.clients.SharedClients;
import java.util.function.Function;

/**
 * One {@link QueueServiceAsyncClient} per account and credential, shared by every trigger that uses them and dropped
 * when the last of those triggers is closed (KEDA builds one client per trigger). The async client holds no
 * connection of its own to close: the shared HTTP client's pool does.
 */
final class QueueClientPool {

    private final SharedClients<QueueAccess, QueueServiceAsyncClient> clients;

    QueueClientPool(Function<QueueAccess, QueueServiceAsyncClient> clients) {
        this.clients = new SharedClients<>(clients, client -> { });
    }

    /**
     * A share of the client for {@code access}; built on first use.
     *
     * @throws IllegalArgumentException when the client cannot be built; the message holds no credential
     */
    SharedClients.Lease<QueueServiceAsyncClient> acquire(QueueAccess access) {
        return clients.acquire(access);
    }

    /** How many distinct clients are held now. */
    int size() {
        return clients.size();
    }
}
