package dev.tide.scaler.redis;

/** The test kit's contract for {@code redis-sentinel}: see {@link RedisContract}. */
class RedisSentinelContractIT extends RedisContract {

    RedisSentinelContractIT() {
        super(Topology.SENTINEL, false);
    }
}
