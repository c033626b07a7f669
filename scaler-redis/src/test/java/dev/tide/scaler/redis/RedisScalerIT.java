package dev.tide.scaler.redis;

import static dev.tide.scaler.redis.RedisTriggers.config;
import static dev.tide.scaler.redis.RedisTriggers.map;
import static dev.tide.scaler.redis.RedisTriggers.sample;
import static dev.tide.scaler.redis.RedisTriggers.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.redis.testing.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code type: redis} against a real redis-server: the value is the server's own count for each key type. */
class RedisScalerIT {

    private static final RedisServer SERVER = RedisServer.shared();

    private final RedisConnections connections = new RedisConnections();
    private final RedisFamilyFactory factory = RedisTriggers.factory(Topology.STANDALONE, false, connections);
    private final List<Scaler> scalers = new ArrayList<>();

    @AfterEach
    void closeScalers() {
        scalers.forEach(Scaler::close);
    }

    private Scaler scaler(String listName, String... more) {
        Map<String, String> metadata = map(more);
        metadata.putIfAbsent("address", SERVER.address());
        metadata.put("listName", listName);
        Scaler scaler = factory.create(config("redis", metadata, Map.of()));
        scalers.add(scaler);
        return scaler;
    }

    @ParameterizedTest(name = "{0}: {1} then {2}")
    @CsvSource(delimiter = '|', value = {
        "list       | RPUSH tide-list a b c d e f g      | LLEN tide-list",
        "set        | SADD tide-set a b c d              | SCARD tide-set",
        "sorted set | ZADD tide-zset 1 a 2 b 3 c         | ZCARD tide-zset",
        "hash       | HSET tide-hash a 1 b 2 c 3 d 4 e 5 | HLEN tide-hash"})
    void theValueIsTheServersOwnCountForEveryKeyType(String kind, String write, String count) {
        SERVER.cli(write.split(" "));
        String key = write.split(" ")[1];

        assertThat(value(scaler(key))).isEqualTo(SERVER.cliLong(count.split(" "))).isPositive();
    }

    @Test
    void aMissingKeyCountsZeroAndIsInactive() {
        ScalerSample sample = sample(scaler("tide-never-written"));

        assertThat(sample.values().get(0).value()).isEqualTo(MilliValue.ZERO);
        assertThat(sample.active()).isFalse();
    }

    @Test
    void aKeyOfAnotherTypeIsReportedAsKedaReportsIt() {
        SERVER.cli("SET", "tide-string", "x");

        assertThatThrownBy(() -> sample(scaler("tide-string"))).isInstanceOf(ScalerException.class)
                .hasMessageStartingWith("trigger[0] (redis): error getting list length: ")
                .hasMessageContaining("unsupported key type: string");
    }

    @Test
    void theTriggerIsActiveOnlyAboveActivationListLength() {
        SERVER.cli("DEL", "tide-activation");
        SERVER.cli("RPUSH", "tide-activation", "a", "b", "c");
        Scaler atThree = scaler("tide-activation", "activationListLength", "3");
        Scaler atTwo = scaler("tide-activation", "activationListLength", "2");

        assertThat(sample(atThree).active()).isFalse();
        assertThat(sample(atTwo).active()).isTrue();
    }

    @Test
    void databaseIndexReadsThatDatabase() {
        SERVER.cli("-n", "3", "RPUSH", "tide-db", "a", "b");

        assertThat(value(scaler("tide-db", "databaseIndex", "3"))).isEqualTo(SERVER.cliLong("-n", "3", "LLEN", "tide-db"));
        assertThat(value(scaler("tide-db"))).isZero();
    }

    @Test
    void triggersOnOneServerShareOneConnectionClosedWithTheLast() {
        int before = SERVER.connectedClients();
        Scaler first = scaler("tide-a");
        Scaler second = scaler("tide-b", "listLength", "9");
        Scaler third = scaler("tide-c", "hostFromEnv", "", "address", SERVER.address());
        value(first);
        value(second);
        value(third);

        assertThat(connections.size()).isOne();
        assertThat(SERVER.connectedClients()).isEqualTo(before + 1);

        first.close();
        second.close();
        assertThat(connections.size()).isOne();
        third.close();
        assertThat(connections.size()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> SERVER.connectedClients() == before);
    }

    @Test
    void anotherDatabaseIsAnotherConnection() {
        value(scaler("tide-a"));
        value(scaler("tide-a", "databaseIndex", "1"));

        assertThat(connections.size()).isEqualTo(2);
    }

    @Test
    void theServerStoppedFailsTheReadAndItReadsAgainOnceBack() {
        try (RedisServer own = RedisServer.start(Optional.empty())) {
            own.cli("RPUSH", "tide-stop", "a", "b");
            Scaler scaler = scaler("tide-stop", "address", own.address());
            assertThat(value(scaler)).isEqualTo(2);

            own.stop();

            assertThatThrownBy(() -> sample(scaler)).isInstanceOf(ScalerException.class)
                    .hasMessageStartingWith("trigger[0] (redis): error getting list length: ");

            own.restart();
            own.cli("RPUSH", "tide-stop", "a", "b", "c");
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> value(scaler) == 3);
        }
    }

    @Test
    void aServerThatIsNotThereFailsTheBuildAsKedaPingsIt() {
        try (RedisServer own = RedisServer.start(Optional.empty())) {
            own.stop();

            assertThatThrownBy(() -> scaler("tide-a", "address", own.address())).isInstanceOf(ScalerException.class)
                    .hasMessageStartingWith("trigger[0] (redis): connection to redis failed: ");
            assertThat(connections.size()).isZero();
        }
    }
}
