package dev.tide.scaler.redis;

/** The test kit's contract for {@code redis-cluster-streams}: see {@link RedisContract}. */
class RedisClusterStreamsContractIT extends RedisContract {

    RedisClusterStreamsContractIT() {
        super(Topology.CLUSTER, true);
    }
}
