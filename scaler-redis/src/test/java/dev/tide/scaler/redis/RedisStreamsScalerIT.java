package dev.tide.scaler.redis;

import static dev.tide.scaler.redis.RedisTriggers.config;
import static dev.tide.scaler.redis.RedisTriggers.map;
import static dev.tide.scaler.redis.RedisTriggers.sample;
import static dev.tide.scaler.redis.RedisTriggers.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.redis.testing.RedisServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code type: redis-streams} against a real redis-server, in each of KEDA's modes: the value is the server's own
 * XLEN, XPENDING count or XINFO GROUPS lag.
 */
class RedisStreamsScalerIT {

    private static final RedisServer SERVER = RedisServer.shared();
    private static final String STREAM = "tide-orders";
    private static final String GROUP = "workers";

    private final RedisConnections connections = new RedisConnections();
    private final RedisFamilyFactory factory = RedisTriggers.factory(Topology.STANDALONE, true, connections);
    private final List<Scaler> scalers = new ArrayList<>();

    /** Ten entries; the group has read four of them (pending, not acknowledged), so its lag is six. */
    @BeforeAll
    static void writeTheStream() {
        SERVER.cli("DEL", STREAM);
        for (int i = 0; i < 10; i++) {
            SERVER.cli("XADD", STREAM, "*", "n", Integer.toString(i));
        }
        SERVER.cli("XGROUP", "CREATE", STREAM, GROUP, "0");
        SERVER.cli("XREADGROUP", "GROUP", GROUP, "consumer-1", "COUNT", "4", "STREAMS", STREAM, ">");
    }

    @AfterEach
    void closeScalers() {
        scalers.forEach(Scaler::close);
    }

    private Scaler scaler(String... metadata) {
        Map<String, String> all = map(metadata);
        all.put("address", SERVER.address());
        Scaler scaler = factory.create(config("redis-streams", all, Map.of()));
        scalers.add(scaler);
        return scaler;
    }

    @Test
    void withoutAGroupTheValueIsXlen() {
        Scaler scaler = scaler("stream", STREAM, "streamLength", "4");

        assertThat(value(scaler)).isEqualTo(SERVER.cliLong("XLEN", STREAM)).isEqualTo(10);
        assertThat(scaler.metricSpecs().get(0).target()).isEqualTo(MilliValue.ofWhole(4));
    }

    @Test
    void withAGroupTheValueIsXpendingsCount() {
        Scaler scaler = scaler("stream", STREAM, "consumerGroup", GROUP, "pendingEntriesCount", "2");

        String[] pending = SERVER.cli("XPENDING", STREAM, GROUP).split("\n");
        assertThat(value(scaler)).isEqualTo(Long.parseLong(pending[0].trim())).isEqualTo(4);
        assertThat(scaler.metricSpecs().get(0).target()).isEqualTo(MilliValue.ofWhole(2));
    }

    @Test
    void withAGroupAndLagCountTheValueIsTheGroupsLag() {
        Scaler scaler = scaler("stream", STREAM, "consumerGroup", GROUP, "lagCount", "3");

        assertThat(value(scaler)).isEqualTo(lagFromTheServer()).isEqualTo(6);
        assertThat(scaler.metricSpecs().get(0).target()).isEqualTo(MilliValue.ofWhole(3));
    }

    @Test
    void aStreamThatDoesNotExistYetHasNoLag() {
        assertThat(value(scaler("stream", "tide-not-yet", "consumerGroup", GROUP, "lagCount", "3"))).isZero();
    }

    @Test
    void aGroupThatDoesNotExistYetHasTheStreamsLengthAsLag() {
        assertThat(value(scaler("stream", STREAM, "consumerGroup", "not-yet", "lagCount", "3")))
                .isEqualTo(SERVER.cliLong("XLEN", STREAM));
    }

    @Test
    void aGroupThatDoesNotExistFailsThePendingRead() {
        Scaler scaler = scaler("stream", STREAM, "consumerGroup", "not-yet");

        assertThatThrownBy(() -> sample(scaler)).isInstanceOf(ScalerException.class)
                .hasMessageStartingWith("trigger[0] (redis-streams): error fetching metric count: NOGROUP");
    }

    @Test
    void activationComparesTheValueReadWithActivationLagCount() {
        assertThat(sample(scaler("stream", STREAM, "activationLagCount", "10")).active()).isFalse();
        assertThat(sample(scaler("stream", STREAM, "activationLagCount", "9")).active()).isTrue();
        assertThat(sample(scaler("stream", STREAM, "consumerGroup", GROUP, "activationLagCount", "4")).active()).isFalse();
    }

    @Test
    void theServerStoppedFailsTheRead() {
        try (RedisServer own = RedisServer.start(Optional.empty())) {
            Map<String, String> metadata = map("address", own.address(), "stream", STREAM);
            Scaler scaler = factory.create(config("redis-streams", metadata, Map.of()));
            scalers.add(scaler);
            assertThat(value(scaler)).isZero();

            own.stop();

            assertThatThrownBy(() -> sample(scaler)).isInstanceOf(ScalerException.class)
                    .hasMessageStartingWith("trigger[0] (redis-streams): error fetching metric count: ");
        }
    }

    /** The {@code lag} field of XINFO GROUPS as redis-cli prints it: field and value on alternate lines. */
    private static long lagFromTheServer() {
        String[] lines = SERVER.cli("XINFO", "GROUPS", STREAM).split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            if (lines[i].trim().equals("lag")) {
                return Long.parseLong(lines[i + 1].trim());
            }
        }
        throw new IllegalStateException("XINFO GROUPS has no lag");
    }
}
