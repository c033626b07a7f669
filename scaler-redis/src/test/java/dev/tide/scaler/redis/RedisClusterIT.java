package dev.tide.scaler.redis;

import static dev.tide.scaler.redis.RedisTriggers.config;
import static dev.tide.scaler.redis.RedisTriggers.map;
import static dev.tide.scaler.redis.RedisTriggers.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.redis.testing.RedisClusterServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code redis-cluster} and {@code redis-cluster-streams} against a real three-master Redis Cluster: keys in other
 * nodes' slots read the server's own counts, and every trigger shares one cluster connection.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterIT {

    private static RedisClusterServers cluster;

    private final RedisConnections connections = new RedisConnections();
    private final List<Scaler> scalers = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        cluster = RedisClusterServers.start();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @AfterEach
    void closeScalers() {
        scalers.forEach(Scaler::close);
    }

    private Scaler scaler(boolean streams, String... metadata) {
        Map<String, String> all = map(metadata);
        all.put("addresses", cluster.addresses());
        Scaler scaler = RedisTriggers.factory(Topology.CLUSTER, streams, connections)
                .create(config(Topology.CLUSTER.type(streams), all, Map.of()));
        scalers.add(scaler);
        return scaler;
    }

    /** Three keys that land in different slots, so on different masters for most of them. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jobs-a", "jobs-b", "jobs-c"})
    void aListOnAnyNodeReadsItsLength(String key) {
        cluster.cli("DEL", key);
        cluster.cli("RPUSH", key, "1", "2", "3", key);

        assertThat(value(scaler(false, "listName", key))).isEqualTo(cluster.cliLong("LLEN", key)).isEqualTo(4);
        assertThat(connections.size()).isOne();
    }

    @Test
    void aStreamsLengthPendingEntriesAndLagAreTheServersOwn() {
        cluster.cli("DEL", "cluster-orders");
        for (int i = 0; i < 7; i++) {
            cluster.cli("XADD", "cluster-orders", "*", "n", Integer.toString(i));
        }
        cluster.cli("XGROUP", "CREATE", "cluster-orders", "workers", "0");
        cluster.cli("XREADGROUP", "GROUP", "workers", "c1", "COUNT", "3", "STREAMS", "cluster-orders", ">");

        assertThat(value(scaler(true, "stream", "cluster-orders"))).isEqualTo(cluster.cliLong("XLEN", "cluster-orders"));
        assertThat(value(scaler(true, "stream", "cluster-orders", "consumerGroup", "workers"))).isEqualTo(3);
        assertThat(value(scaler(true, "stream", "cluster-orders", "consumerGroup", "workers", "lagCount", "2")))
                .isEqualTo(4);
        assertThat(connections.size()).isOne();
    }

    /** Last: it stops the servers. The read fails with an error, never a 0. */
    @Test
    @Order(Integer.MAX_VALUE)
    void theServersStoppedFailTheRead() {
        Scaler scaler = RedisTriggers.factory(Topology.CLUSTER, false, connections).create(config("redis-cluster",
                map("addresses", cluster.addresses(), "listName", "jobs-a"), Map.of()).toBuilder()
                .timeout(Duration.ofSeconds(1)).build());
        scalers.add(scaler);
        assertThat(value(scaler)).isNotNegative();

        cluster.close();

        assertThatThrownBy(() -> value(scaler)).isInstanceOf(ScalerException.class)
                .hasMessageStartingWith("trigger[0] (redis-cluster): error getting list length: ");
    }
}
