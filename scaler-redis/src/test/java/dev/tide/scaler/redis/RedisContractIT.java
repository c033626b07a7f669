package dev.tide.scaler.redis;

/** The test kit's contract for {@code redis}: see {@link RedisContract}. */
class RedisContractIT extends RedisContract {

    RedisContractIT() {
        super(Topology.STANDALONE, false);
    }
}
