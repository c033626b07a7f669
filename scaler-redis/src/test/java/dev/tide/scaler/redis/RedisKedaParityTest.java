package dev.tide.scaler.redis;

import static dev.tide.scaler.redis.KedaMetadata.KEDA_ENV;
import static dev.tide.scaler.redis.KedaMetadata.NO_ENV;
import static dev.tide.scaler.redis.KedaMetadata.fails;
import static dev.tide.scaler.redis.KedaMetadata.map;
import static dev.tide.scaler.redis.KedaMetadata.reads;
import static dev.tide.scaler.redis.Topology.CLUSTER;
import static dev.tide.scaler.redis.Topology.SENTINEL;
import static dev.tide.scaler.redis.Topology.STANDALONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.Secret;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.params.ParameterBinder;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * KEDA's own tables for the redis, redis-cluster and redis-sentinel scalers ({@code pkg/scalers/redis_scaler_test.go},
 * KEDA commit {@code 8b4f083}), row for row, with KEDA's case names. Where KEDA's expected error is its generic
 * {@code ErrRedisParse}, the row holds Tide's binder's message for the same parameter.
 */
class RedisKedaParityTest {

    private static RedisTrigger<RedisListParameters> parse(Topology topology, TriggerConfig config) {
        return RedisTrigger.parse(config, topology, RedisListParameters.class);
    }

    // ---- TestRedisParseMetadata (testRedisMetadata): error or not, enableTLS and the TLS material ----------------

    static Stream<Arguments> testRedisMetadata() {
        return Stream.of(
                Arguments.of("nothing passed", map(), true, map(), false),
                Arguments.of("properly formed listName", map("listName", "mylist", "listLength", "10", "addressFromEnv", "REDIS_HOST", "passwordFromEnv", "REDIS_PASSWORD"), false, map(), false),
                Arguments.of("properly formed hostPort", map("listName", "mylist", "listLength", "10", "hostFromEnv", "REDIS_HOST", "portFromEnv", "REDIS_PORT", "passwordFromEnv", "REDIS_PASSWORD"), false, map(), false),
                Arguments.of("properly formed hostPort (address too)", map("listName", "mylist", "listLength", "10", "addressFromEnv", "REDIS_HOST", "host", "REDIS_HOST", "port", "REDIS_PORT", "passwordFromEnv", "REDIS_PASSWORD"), false, map(), false),
                Arguments.of("improperly formed hostPort", map("listName", "mylist", "listLength", "10", "hostFromEnv", "REDIS_HOST", "passwordFromEnv", "REDIS_PASSWORD"), true, map(), false),
                Arguments.of("properly formed listName, empty address", map("listName", "mylist", "listLength", "10", "address", "", "password", ""), true, map(), false),
                Arguments.of("improperly formed listLength", map("listName", "mylist", "listLength", "AA", "addressFromEnv", "REDIS_HOST", "password", ""), true, map(), false),
                Arguments.of("improperly formed activationListLength", map("listName", "mylist", "listLength", "1", "activationListLength", "AA", "addressFromEnv", "REDIS_HOST", "password", ""), true, map(), false),
                Arguments.of("address does not resolve", map("listName", "mylist", "listLength", "0", "addressFromEnv", "REDIS_WRONG", "password", ""), true, map(), false),
                Arguments.of("password is defined in the authParams", map("listName", "mylist", "listLength", "0", "addressFromEnv", "REDIS_WRONG"), true, map("password", ""), false),
                Arguments.of("address is defined in the authParams", map("listName", "mylist", "listLength", "0"), false, map("address", "localhost:6379"), false),
                Arguments.of("host and port is defined in the authParams", map("listName", "mylist", "listLength", "0"), false, map("host", "localhost", "port", "6379"), false),
                Arguments.of("enableTLS, TLS defined in the authParams only", map("listName", "mylist", "listLength", "0"), false, map("address", "localhost:6379", "tls", "enable", "ca", "caaa", "cert", "ceert", "key", "keey"), true),
                Arguments.of("enableTLS, TLS cert/key and assumed public CA", map("listName", "mylist", "listLength", "0"), false, map("address", "localhost:6379", "tls", "enable", "cert", "ceert", "key", "keey"), true),
                Arguments.of("enableTLS, TLS cert/key + key password and assumed public CA", map("listName", "mylist", "listLength", "0"), false, map("address", "localhost:6379", "tls", "enable", "cert", "ceert", "key", "keey", "keyPassword", "keeyPassword"), true),
                Arguments.of("enableTLS, TLS CA only", map("listName", "mylist", "listLength", "0"), false, map("address", "localhost:6379", "tls", "enable", "ca", "caaa"), true),
                Arguments.of("enableTLS is enabled by metadata", map("listName", "mylist", "listLength", "0", "enableTLS", "true"), false, map("address", "localhost:6379"), true),
                Arguments.of("enableTLS is defined both in authParams and metadata", map("listName", "mylist", "listLength", "0", "enableTLS", "true"), true, map("address", "localhost:6379", "tls", "disable"), true),
                Arguments.of("host only is defined in the authParams", map("listName", "mylist", "listLength", "0"), true, map("host", "localhost"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("testRedisMetadata")
    void testRedisMetadata(String name, Map<String, String> metadata, boolean isError, Map<String, String> authParams,
            boolean enableTls) {
        TriggerConfig config = KedaMetadata.config(STANDALONE, false, metadata, KEDA_ENV, authParams);
        if (isError) {
            assertThatThrownBy(() -> parse(STANDALONE, config)).isInstanceOf(ScalerConfigException.class)
                    .hasMessageStartingWith("trigger[0] (redis): ");
            return;
        }
        parse(STANDALONE, config);
        RedisConnectionParameters connection = ParameterBinder.bind(config, RedisConnectionParameters.class);
        assertThat(connection.tlsEnabled()).isEqualTo(enableTls);
        if (enableTls) {
            assertThat(connection.ca().map(Secret::reveal)).isEqualTo(Optional.ofNullable(authParams.get("ca")));
            assertThat(connection.cert().map(Secret::reveal)).isEqualTo(Optional.ofNullable(authParams.get("cert")));
            assertThat(connection.key().map(Secret::reveal)).isEqualTo(Optional.ofNullable(authParams.get("key")));
            assertThat(connection.keyPassword().map(Secret::reveal))
                    .isEqualTo(Optional.ofNullable(authParams.get("keyPassword")));
        }
    }

    @ParameterizedTest(name = "redisMetricIdentifiers: trigger {0} of testRedisMetadata[1] is {1}")
    @CsvSource({"0, s0-redis-mylist", "1, s1-redis-mylist"})
    void redisMetricIdentifiers(int triggerIndex, String metricName) {
        TriggerConfig config = KedaMetadata.config(STANDALONE, false, map("listName", "mylist", "listLength", "10",
                "addressFromEnv", "REDIS_HOST", "passwordFromEnv", "REDIS_PASSWORD"), KEDA_ENV, map())
                .toBuilder().triggerIndex(triggerIndex).build();

        assertThat(RedisListScaler.metricSpec(parse(STANDALONE, config)).metricName()).isEqualTo(metricName);
    }

    // ---- TestParseRedisClusterMetadata and TestParseRedisSentinelMetadata: wantMeta field for field, or wantErr ----

    static Stream<Arguments> clusterAndSentinelRows() {
        return Stream.of(
                // KEDA TestParseRedisClusterMetadata
                fails(CLUSTER, "empty metadata", map(), NO_ENV, map(),
                        RedisConnectionParameters.NO_ADDRESSES),
                fails(CLUSTER, "unequal number of Hosts/Ports", map("listName", "mylist", "hosts", "a, b, c", "ports", "1, 2"), NO_ENV, map(),
                        RedisConnectionParameters.UNEQUAL_HOSTS_AND_PORTS),
                fails(CLUSTER, "no list name", map("hosts", "a, b, c", "ports", "1, 2, 3", "listLength", "5"), NO_ENV, map(),
                        "missing required parameter \"listName\" in [triggerMetadata]"),
                fails(CLUSTER, "invalid list length", map("hosts", "a, b, c", "ports", "1, 2, 3", "listName", "mylist", "listLength", "invalid"), NO_ENV, map(),
                        "parameter \"listLength\" value \"invalid\" must be an integer"),
                reads(CLUSTER, "address is defined in auth params", map("listName", "mylist"), NO_ENV, map("addresses", ":7001, :7002"),
                        map("ListLength", "5", "ListName", "mylist", "Addresses", "[:7001, :7002]")),
                reads(CLUSTER, "Hosts and Ports given in auth params", map("listName", "mylist"), NO_ENV, map("hosts", "   a, b,    c ", "ports", "1, 2, 3"),
                        map("ListLength", "5", "ListName", "mylist", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]")),
                reads(CLUSTER, "Username given in authParams", map("hosts", "a, b, c", "ports", "1, 2, 3", "listName", "mylist"), NO_ENV, map("username", "username"),
                        map("ListLength", "5", "ListName", "mylist", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Username", "username")),
                reads(CLUSTER, "Username given in metadata", map("hosts", "a, b, c", "ports", "1, 2, 3", "listName", "mylist", "username", "username"), NO_ENV, map(),
                        map("ListLength", "5", "ListName", "mylist", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Username", "username")),
                reads(CLUSTER, "Username given in metadata from env", map("hosts", "a, b, c", "ports", "1, 2, 3", "listName", "mylist", "usernameFromEnv", "REDIS_USERNAME"), KEDA_ENV, map(),
                        map("ListLength", "5", "ListName", "mylist", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Username", "none")),
                reads(CLUSTER, "Password given in authParams", map("hosts", "a, b, c", "ports", "1, 2, 3", "listName", "mylist"), NO_ENV, map("password", "password"),
                        map("ListLength", "5", "ListName", "mylist", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Password", "password")),
                reads(CLUSTER, "Password given in metadata from env", map("hosts", "a, b, c", "ports", "1, 2, 3", "listName", "mylist", "passwordFromEnv", "REDIS_PASSWORD"), KEDA_ENV, map(),
                        map("ListLength", "5", "ListName", "mylist", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Password", "none")),
                reads(CLUSTER, "tls enabled without setting UnsafeSsl", map("listName", "mylist", "enableTLS", "true"), NO_ENV, map("addresses", ":7001, :7002"),
                        map("ListLength", "5", "ListName", "mylist", "Addresses", "[:7001, :7002]", "EnableTLS", "true", "UnsafeSsl", "false")),
                reads(CLUSTER, "tls enabled with UnsafeSsl true", map("listName", "mylist", "enableTLS", "true", "unsafeSsl", "true"), NO_ENV, map("addresses", ":7001, :7002"),
                        map("ListLength", "5", "ListName", "mylist", "Addresses", "[:7001, :7002]", "EnableTLS", "true", "UnsafeSsl", "true")),
                // KEDA TestParseRedisSentinelMetadata
                fails(SENTINEL, "empty metadata", map(), NO_ENV, map(),
                        RedisConnectionParameters.NO_ADDRESSES),
                fails(SENTINEL, "unequal number of Hosts/Ports", map("hosts", "a, b, c", "ports", "1, 2"), NO_ENV, map(),
                        RedisConnectionParameters.UNEQUAL_HOSTS_AND_PORTS),
                fails(SENTINEL, "no list name", map("hosts", "a, b, c", "ports", "1, 2, 3", "listLength", "5"), NO_ENV, map(),
                        "missing required parameter \"listName\" in [triggerMetadata]"),
                fails(SENTINEL, "invalid list length", map("hosts", "a, b, c", "ports", "1, 2, 3", "listName", "mylist", "listLength", "invalid"), NO_ENV, map(),
                        "parameter \"listLength\" value \"invalid\" must be an integer"),
                reads(SENTINEL, "address is defined in auth params", map("listName", "mylist"), NO_ENV, map("addresses", ":7001, :7002"),
                        map("ListLength", "5", "ListName", "mylist", "Addresses", "[:7001, :7002]")),
                reads(SENTINEL, "Hosts and Ports given in auth params", map("listName", "mylist"), NO_ENV, map("hosts", "   a, b,    c ", "ports", "1, 2, 3"),
                        map("ListLength", "5", "ListName", "mylist", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]")),
                reads(SENTINEL, "Hosts and Ports given in auth params", map("listName", "mylist"), NO_ENV, map("hosts", "   a, b,    c ", "ports", "1, 2, 3"),
                        map("ListLength", "5", "ListName", "mylist", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]")),
                reads(SENTINEL, "Username given in authParams", map("hosts", "a, b, c", "ports", "1, 2, 3", "listName", "mylist"), NO_ENV, map("username", "username"),
                        map("ListLength", "5", "ListName", "mylist", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Username", "username")),
                reads(SENTINEL, "Username given in metadata", map("hosts", "a, b, c", "ports", "1, 2, 3", "listName", "mylist", "username", "username"), NO_ENV, map(),
                        map("ListLength", "5", "ListName", "mylist", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Username", "username")),
                reads(SENTINEL, "Username given in metadata from env", map("hosts", "a, b, c", "ports", "1, 2, 3", "listName", "mylist", "usernameFromEnv", "REDIS_USERNAME"), KEDA_ENV, map(),
                        map("ListLength", "5", "ListName", "mylist", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Username", "none")),
                reads(SENTINEL, "Password given in authParams", map("hosts", "a, b, c", "ports", "1, 2, 3", "listName", "mylist"), NO_ENV, map("password", "password"),
                        map("ListLength", "5", "ListName", "mylist", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Password", "password")),
                reads(SENTINEL, "Password given in metadata from env", map("hosts", "a, b, c", "ports", "1, 2, 3", "listName", "mylist", "passwordFromEnv", "REDIS_PASSWORD"), KEDA_ENV, map(),
                        map("ListLength", "5", "ListName", "mylist", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Password", "none")),
                reads(SENTINEL, "sentinelUsername given in authParams", map("hosts", "a, b, c", "ports", "1, 2, 3", "listName", "mylist"), NO_ENV, map("sentinelUsername", "sentinelUsername"),
                        map("ListLength", "5", "ListName", "mylist", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "SentinelUsername", "sentinelUsername")),
                reads(SENTINEL, "sentinelUsername given in metadata", map("hosts", "a, b, c", "ports", "1, 2, 3", "listName", "mylist", "sentinelUsername", "sentinelUsername"), NO_ENV, map(),
                        map("ListLength", "5", "ListName", "mylist", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "SentinelUsername", "sentinelUsername")),
                reads(SENTINEL, "sentinelUsername given in metadata from env", map("hosts", "a, b, c", "ports", "1, 2, 3", "listName", "mylist", "sentinelUsernameFromEnv", "REDIS_SENTINEL_USERNAME"), KEDA_ENV, map(),
                        map("ListLength", "5", "ListName", "mylist", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "SentinelUsername", "none")),
                reads(SENTINEL, "sentinelPassword given in authParams", map("hosts", "a, b, c", "ports", "1, 2, 3", "listName", "mylist"), NO_ENV, map("sentinelPassword", "sentinelPassword"),
                        map("ListLength", "5", "ListName", "mylist", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "SentinelPassword", "sentinelPassword")),
                reads(SENTINEL, "sentinelPassword given in metadata from env", map("hosts", "a, b, c", "ports", "1, 2, 3", "listName", "mylist", "sentinelPasswordFromEnv", "REDIS_SENTINEL_PASSWORD"), KEDA_ENV, map(),
                        map("ListLength", "5", "ListName", "mylist", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "SentinelPassword", "none")),
                reads(SENTINEL, "sentinelMaster given in authParams", map("hosts", "a, b, c", "ports", "1, 2, 3", "listName", "mylist"), NO_ENV, map("sentinelMaster", "sentinelMaster"),
                        map("ListLength", "5", "ListName", "mylist", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "SentinelMaster", "sentinelMaster")),
                reads(SENTINEL, "sentinelMaster given in metadata", map("hosts", "a, b, c", "ports", "1, 2, 3", "listName", "mylist", "sentinelMaster", "sentinelMaster"), NO_ENV, map(),
                        map("ListLength", "5", "ListName", "mylist", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "SentinelMaster", "sentinelMaster")),
                reads(SENTINEL, "sentinelMaster given in metadata from env", map("hosts", "a, b, c", "ports", "1, 2, 3", "listName", "mylist", "sentinelMasterFromEnv", "REDIS_SENTINEL_MASTER"), KEDA_ENV, map(),
                        map("ListLength", "5", "ListName", "mylist", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "SentinelMaster", "none")),
                reads(SENTINEL, "tls enabled without setting UnsafeSsl", map("listName", "mylist", "enableTLS", "true"), NO_ENV, map("addresses", ":7001, :7002"),
                        map("ListLength", "5", "ListName", "mylist", "Addresses", "[:7001, :7002]", "EnableTLS", "true", "UnsafeSsl", "false")),
                reads(SENTINEL, "tls enabled with UnsafeSsl true", map("listName", "mylist", "enableTLS", "true", "unsafeSsl", "true"), NO_ENV, map("addresses", ":7001, :7002"),
                        map("ListLength", "5", "ListName", "mylist", "Addresses", "[:7001, :7002]", "EnableTLS", "true", "UnsafeSsl", "true")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("clusterAndSentinelRows")
    void clusterAndSentinelRows(Topology topology, String name, Map<String, String> metadata, Map<String, String> env,
            Map<String, String> authParams, Map<String, String> want, String error) {
        TriggerConfig config = KedaMetadata.config(topology, false, metadata, env, authParams);
        if (error != null) {
            assertThatThrownBy(() -> parse(topology, config)).isInstanceOf(ScalerConfigException.class)
                    .hasMessageStartingWith("trigger[0] (" + topology.type(false) + "): ").hasMessageContaining(error);
            return;
        }
        Map<String, String> observed = KedaMetadata.of(parse(topology, config),
                ParameterBinder.bind(config, RedisConnectionParameters.class));
        assertThat(observed).isEqualTo(KedaMetadata.expected(observed, want));
    }
}
