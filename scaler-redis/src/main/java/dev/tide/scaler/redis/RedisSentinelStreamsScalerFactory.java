package dev.tide.scaler.redis;

/** {@code type: redis-sentinel-streams}: a stream's length, pending entries or lag on the master a Redis Sentinel names, as KEDA's redis-sentinel-streams scaler reads them. */
public final class RedisSentinelStreamsScalerFactory extends RedisFamilyFactory {

    /** Used by {@link java.util.ServiceLoader}: every factory shares one pool of connections. */
    public RedisSentinelStreamsScalerFactory() {
        super(Topology.SENTINEL, true, RedisConnections.shared());
    }
}
