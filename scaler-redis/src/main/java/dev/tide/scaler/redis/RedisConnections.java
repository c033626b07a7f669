package dev.tide.scaler.redis;

import dev.tide.scaler.api.clients.SharedClients;

/**
 * The connections of every redis-family trigger: one per {@link ConnectionIdentity}, shared by the triggers that name
 * it and closed with the last of them. KEDA opens a client (and its pool) per trigger; here a thousand triggers on one
 * server and credential hold one connection.
 */
final class RedisConnections {

    private static final RedisConnections SHARED = new RedisConnections();

    private final SharedClients<ConnectionIdentity, RedisConnection> connections =
            new SharedClients<>(RedisConnection::new, RedisConnection::close);

    /** The connections every factory the ServiceLoader makes shares. */
    static RedisConnections shared() {
        return SHARED;
    }

    SharedClients.Lease<RedisConnection> acquire(ConnectionIdentity identity) {
        return connections.acquire(identity);
    }

    /** How many connections are held now. */
    int size() {
        return connections.size();
    }
}
