package dev.tide.scaler.redis;

/** {@code type: redis-sentinel}: the size of a list, set, sorted set or hash on the master a Redis Sentinel names, as KEDA's redis-sentinel scaler reads it. */
public final class RedisSentinelScalerFactory extends RedisFamilyFactory {

    /** Used by {@link java.util.ServiceLoader}: every factory shares one pool of connections. */
    public RedisSentinelScalerFactory() {
        super(Topology.SENTINEL, false, RedisConnections.shared());
    }
}
