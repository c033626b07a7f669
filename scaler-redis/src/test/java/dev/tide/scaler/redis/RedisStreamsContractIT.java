package dev.tide.scaler.redis;

/** The test kit's contract for {@code redis-streams}: see {@link RedisContract}. */
class RedisStreamsContractIT extends RedisContract {

    RedisStreamsContractIT() {
        super(Topology.STANDALONE, true);
    }
}
