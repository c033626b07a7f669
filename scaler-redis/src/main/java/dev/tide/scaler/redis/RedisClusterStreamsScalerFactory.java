package dev.tide.scaler.redis;

/** {@code type: redis-cluster-streams}: a stream's length, pending entries or lag in a Redis Cluster, as KEDA's redis-cluster-streams scaler reads them. */
public final class RedisClusterStreamsScalerFactory extends RedisFamilyFactory {

    /** Used by {@link java.util.ServiceLoader}: every factory shares one pool of connections. */
    public RedisClusterStreamsScalerFactory() {
        super(Topology.CLUSTER, true, RedisConnections.shared());
    }
}
