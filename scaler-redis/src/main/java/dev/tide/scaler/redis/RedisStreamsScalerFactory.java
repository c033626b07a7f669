package dev.tide.scaler.redis;

/** {@code type: redis-streams}: a stream's length, a consumer group's pending entries or its lag on one server, as KEDA's redis-streams scaler reads them. */
public final class RedisStreamsScalerFactory extends RedisFamilyFactory {

    /** Used by {@link java.util.ServiceLoader}: every factory shares one pool of connections. */
    public RedisStreamsScalerFactory() {
        super(Topology.STANDALONE, true, RedisConnections.shared());
    }
}
