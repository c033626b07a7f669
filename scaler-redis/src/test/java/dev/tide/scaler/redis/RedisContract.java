package dev.tide.scaler.redis;

import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.redis.testing.RedisClusterServers;
import dev.tide.scaler.redis.testing.RedisServer;
import dev.tide.scaler.testkit.ScalerContractTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The plugin contract of the test kit for one redis-family type. A redis scaler connects when it is built, so the
 * sample trigger reads a real server (started once for the JVM), and the unreachable source, a closed port on
 * 127.0.0.1, fails the build by name. The servers need no password: the canary one is refused, and the kit checks
 * that refusal's message.
 */
abstract class RedisContract extends ScalerContractTest {

    private final RedisConnections connections = new RedisConnections();
    private final Topology topology;
    private final boolean streams;

    RedisContract(Topology topology, boolean streams) {
        this.topology = topology;
        this.streams = streams;
    }

    @Override
    protected ScalerFactory factory() {
        return RedisTriggers.factory(topology, streams, connections);
    }

    @Override
    protected TriggerConfig sampleTrigger() {
        return trigger(switch (topology) {
            case STANDALONE -> RedisServer.shared().address();
            case SENTINEL -> Sentinel.SERVER.address();
            case CLUSTER -> Cluster.SERVERS.addresses();
        });
    }

    @Override
    protected Optional<TriggerConfig> unreachableTrigger() {
        return Optional.of(trigger("127.0.0.1:1"));
    }

    @Override
    protected OptionalInt openClients() {
        return OptionalInt.of(connections.size());
    }

    private TriggerConfig trigger(String address) {
        Map<String, String> metadata = new HashMap<>(streams
                ? Map.of("stream", "contract-stream", "streamLength", "5")
                : Map.of("listName", "contract-jobs", "listLength", "5"));
        metadata.put(topology == Topology.CLUSTER ? "addresses" : "address", address);
        if (topology == Topology.SENTINEL) {
            metadata.put("sentinelMaster", "mymaster");
        }
        return TriggerConfig.builder(topology.type(streams)).metadata(metadata).timeout(Duration.ofSeconds(2)).build();
    }

    /** A sentinel watching a master of its own, started on first use, shared by both sentinel types, stopped at exit. */
    private static final class Sentinel {
        static final RedisServer SERVER = RedisServer.sentinel(RedisServer.start(Optional.empty()), "mymaster");
    }

    /** A three-node cluster, started on first use, shared by both cluster types, stopped at exit. */
    private static final class Cluster {
        static final RedisClusterServers SERVERS = RedisClusterServers.start();
    }
}
