package dev.tide.scaler.redis;

/** The test kit's contract for {@code redis-cluster}: see {@link RedisContract}. */
class RedisClusterContractIT extends RedisContract {

    RedisClusterContractIT() {
        super(Topology.CLUSTER, false);
    }
}
