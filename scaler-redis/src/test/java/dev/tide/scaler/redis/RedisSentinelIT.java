package dev.tide.scaler.redis;

import static dev.tide.scaler.redis.RedisTriggers.config;
import static dev.tide.scaler.redis.RedisTriggers.map;
import static dev.tide.scaler.redis.RedisTriggers.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.redis.testing.RedisServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code redis-sentinel} and {@code redis-sentinel-streams} against a real Redis Sentinel watching a master with a
 * password: the trigger names the sentinel and the master, and reads the master's own counts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisSentinelIT {

    private static final String PASSWORD = "tide-sentinel-master-61f0";

    private static RedisServer master;
    private static RedisServer sentinel;

    private final RedisConnections connections = new RedisConnections();
    private final List<Scaler> scalers = new ArrayList<>();

    @BeforeAll
    static void startServers() {
        master = RedisServer.start(Optional.of(PASSWORD));
        sentinel = RedisServer.sentinel(master, "mymaster");
    }

    @AfterAll
    static void stopServers() {
        sentinel.close();
        master.close();
    }

    @AfterEach
    void closeScalers() {
        scalers.forEach(Scaler::close);
    }

    private Scaler scaler(boolean streams, String... metadata) {
        Map<String, String> all = map(metadata);
        all.put("address", sentinel.address());
        all.putIfAbsent("sentinelMaster", "mymaster");
        Scaler scaler = RedisTriggers.factory(Topology.SENTINEL, streams, connections)
                .create(config(Topology.SENTINEL.type(streams), all, Map.of("password", PASSWORD)));
        scalers.add(scaler);
        return scaler;
    }

    @Test
    void aListOnTheMasterTheSentinelNamesReadsItsLength() {
        master.cli("RPUSH", "sentinel-jobs", "a", "b", "c", "d", "e");

        assertThat(value(scaler(false, "listName", "sentinel-jobs"))).isEqualTo(master.cliLong("LLEN", "sentinel-jobs"))
                .isEqualTo(5);
    }

    @Test
    void aStreamsLagOnTheMasterIsTheServersOwn() {
        for (int i = 0; i < 6; i++) {
            master.cli("XADD", "sentinel-orders", "*", "n", Integer.toString(i));
        }
        master.cli("XGROUP", "CREATE", "sentinel-orders", "workers", "0");
        master.cli("XREADGROUP", "GROUP", "workers", "c1", "COUNT", "2", "STREAMS", "sentinel-orders", ">");

        assertThat(value(scaler(true, "stream", "sentinel-orders", "consumerGroup", "workers", "lagCount", "1")))
                .isEqualTo(4);
        assertThat(value(scaler(true, "stream", "sentinel-orders", "consumerGroup", "workers"))).isEqualTo(2);
        assertThat(connections.size()).isOne();
    }

    @Test
    void aMasterNameTheSentinelDoesNotKnowFailsTheBuild() {
        assertThatThrownBy(() -> scaler(false, "listName", "l", "sentinelMaster", "unknown-master"))
                .isInstanceOf(ScalerException.class)
                .hasMessageStartingWith("trigger[0] (redis-sentinel): connection to redis sentinel failed: ");
        assertThat(connections.size()).isZero();
    }

    /** Last: it stops the servers. The read fails with an error, never a 0. */
    @Test
    @Order(Integer.MAX_VALUE)
    void theServersStoppedFailTheRead() {
        Scaler scaler = scaler(false, "listName", "sentinel-jobs");
        assertThat(value(scaler)).isNotNegative();

        master.close();

        assertThatThrownBy(() -> value(scaler)).isInstanceOf(ScalerException.class)
                .hasMessageStartingWith("trigger[0] (redis-sentinel): error getting list length: ");
    }
}
