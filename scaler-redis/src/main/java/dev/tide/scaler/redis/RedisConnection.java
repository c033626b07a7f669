package dev.tide.scaler.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One Lettuce client and its single connection, shared by every trigger of one {@link ConnectionIdentity}: Redis
 * answers a connection's commands in order, so one connection carries every trigger's reads without a pool. The
 * connection is opened by the first trigger that needs it (within that trigger's timeout) and reopened by Lettuce
 * after a disconnect.
 */
final class RedisConnection {

    private final ConnectionIdentity identity;
    private AbstractRedisClient client;
    private StatefulConnection<String, String> connection;
    private RedisClusterAsyncCommands<String, String> commands;

    RedisConnection(ConnectionIdentity identity) {
        this.identity = identity;
    }

    /**
     * The commands of the connection, opened now if no trigger has opened it yet.
     *
     * @param timeout how long connecting may take, and each command at most (the caller waits less when it wants)
     * @throws io.lettuce.core.RedisException when the server cannot be reached or refuses the credentials
     * @throws IllegalArgumentException when an address or the TLS material cannot be used
     */
    synchronized RedisClusterAsyncCommands<String, String> commands(Duration timeout) {
        if (commands == null) {
            if (client == null) {
                client = LettuceClients.create(identity, timeout);
            }
            if (client instanceof RedisClusterClient cluster) {
                StatefulRedisClusterConnection<String, String> opened = cluster.connect(StringCodec.UTF8);
                connection = opened;
                commands = opened.async();
            } else {
                StatefulRedisConnection<String, String> opened = ((RedisClient) client).connect(StringCodec.UTF8);
                connection = opened;
                commands = opened.async();
            }
        }
        return commands;
    }

    /** Nobody holds it any more: closed without waiting, so a dead server cannot stall the caller. */
    void close() {
        StatefulConnection<String, String> open;
        AbstractRedisClient closing;
        synchronized (this) {
            open = connection;
            closing = client;
            connection = null;
            commands = null;
            client = null;
        }
        if (open != null) {
            open.closeAsync().whenComplete((ignored, error) -> closing.shutdownAsync(0, 2, TimeUnit.SECONDS));
        } else if (closing != null) {
            closing.shutdownAsync(0, 2, TimeUnit.SECONDS);
        }
    }

}
