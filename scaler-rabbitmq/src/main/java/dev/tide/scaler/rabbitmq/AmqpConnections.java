package dev.tide.scaler.rabbitmq;

import dev.tide.scaler.api.clients.SharedClients;

/**
 * The AMQP connections of every {@code rabbitmq} trigger: one per {@link AmqpEndpoint} (server, vhost, user and TLS),
 * shared by the triggers that name it and closed with the last of them.
 */
final class AmqpConnections {

    private static final AmqpConnections SHARED = new AmqpConnections();

    private final SharedClients<AmqpEndpoint, AmqpConnection> connections;
    private final ThreadLocal<String> nextName = new ThreadLocal<>();

    AmqpConnections() {
        this.connections = new SharedClients<>(endpoint -> new AmqpConnection(endpoint, nextName.get()), AmqpConnection::close);
    }

    static AmqpConnections shared() {
        return SHARED;
    }

    /** A share of the endpoint's connection; {@code connectionName} names it when this acquire creates it. */
    SharedClients.Lease<AmqpConnection> acquire(AmqpEndpoint endpoint, String connectionName) {
        nextName.set(connectionName);
        try {
            return connections.acquire(endpoint);
        } finally {
            nextName.remove();
        }
    }

    int size() {
        return connections.size();
    }
}
