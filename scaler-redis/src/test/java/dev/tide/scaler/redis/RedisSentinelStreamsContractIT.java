package dev.tide.scaler.redis;

/** The test kit's contract for {@code redis-sentinel-streams}: see {@link RedisContract}. */
class RedisSentinelStreamsContractIT extends RedisContract {

    RedisSentinelStreamsContractIT() {
        super(Topology.SENTINEL, true);
    }
}
