package dev.tide.scaler.redis;

/** {@code type: redis}: the size of a list, set, sorted set or hash on one server, as KEDA's redis scaler reads it. */
public final class RedisScalerFactory extends RedisFamilyFactory {

    /** Used by {@link java.util.ServiceLoader}: every factory shares one pool of connections. */
    public RedisScalerFactory() {
        super(Topology.STANDALONE, false, RedisConnections.shared());
    }
}
