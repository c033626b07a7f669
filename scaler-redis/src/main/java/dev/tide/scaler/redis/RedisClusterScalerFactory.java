package dev.tide.scaler.redis;

/** {@code type: redis-cluster}: the size of a list, set, sorted set or hash in a Redis Cluster, as KEDA's redis-cluster scaler reads it. */
public final class RedisClusterScalerFactory extends RedisFamilyFactory {

    /** Used by {@link java.util.ServiceLoader}: every factory shares one pool of connections. */
    public RedisClusterScalerFactory() {
        super(Topology.CLUSTER, false, RedisConnections.shared());
    }
}
