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
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.params.ParameterBinder;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * KEDA's own tables for the redis-streams, redis-cluster-streams and redis-sentinel-streams scalers
 * ({@code pkg/scalers/redis_streams_scaler_test.go}, KEDA commit {@code 8b4f083}), row for row, with KEDA's case names.
 * Where KEDA's expected error is its generic {@code ErrRedisStreamParse}, the row holds Tide's binder's message.
 */
class RedisStreamsKedaParityTest {

    private static RedisTrigger<RedisStreamsParameters> parse(Topology topology, TriggerConfig config) {
        return RedisTrigger.parse(config, topology, RedisStreamsParameters.class);
    }

    // ---- TestParseRedisStreamsMetadata: testCasesPending and testCasesLag ------------------------------------------

    static Stream<Arguments> pendingAndLagCases() {
        Map<String, String> byAddress = map("REDIS_SERVICE", "myredis:6379", "REDIS_USERNAME", "foobarred",
                "REDIS_PASSWORD", "foobarred");
        Map<String, String> byHost = map("REDIS_HOST", "myredis", "REDIS_PORT", "6379", "REDIS_USERNAME", "foobarred",
                "REDIS_PASSWORD", "foobarred");
        Map<String, String> authParams = map("username", "foobarred", "password", "foobarred");
        return Stream.of(
                Arguments.of("testCasesPending: with address", map("stream", "my-stream", "consumerGroup", "my-stream-consumer-group", "pendingEntriesCount", "5", "addressFromEnv", "REDIS_SERVICE", "usernameFromEnv", "REDIS_USERNAME", "passwordFromEnv", "REDIS_PASSWORD", "databaseIndex", "0", "enableTLS", "true"), byAddress, map()),
                Arguments.of("testCasesPending: with host and port", map("stream", "my-stream", "consumerGroup", "my-stream-consumer-group", "pendingEntriesCount", "15", "hostFromEnv", "REDIS_HOST", "port", "REDIS_PORT", "usernameFromEnv", "REDIS_USERNAME", "passwordFromEnv", "REDIS_PASSWORD", "databaseIndex", "0", "enableTLS", "false"), byHost, authParams),
                Arguments.of("testCasesLag: with address", map("stream", "my-stream", "consumerGroup", "my-stream-consumer-group", "lagCount", "5", "activationLagCount", "3", "addressFromEnv", "REDIS_SERVICE", "usernameFromEnv", "REDIS_USERNAME", "passwordFromEnv", "REDIS_PASSWORD", "databaseIndex", "0", "enableTLS", "true"), byAddress, map()),
                Arguments.of("testCasesLag: with host and port", map("stream", "my-stream", "consumerGroup", "my-stream-consumer-group", "lagCount", "2", "activationLagCount", "3", "hostFromEnv", "REDIS_HOST", "port", "REDIS_PORT", "usernameFromEnv", "REDIS_USERNAME", "passwordFromEnv", "REDIS_PASSWORD", "databaseIndex", "0", "enableTLS", "false"), byHost, authParams));
    }

    /** KEDA checks the stream, group, the mode's target, username and password ("foobarred" either way), index and TLS. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pendingAndLagCases")
    void pendingAndLagCases(String name, Map<String, String> metadata, Map<String, String> env,
            Map<String, String> authParams) {
        TriggerConfig config = KedaMetadata.config(STANDALONE, true, metadata, env, authParams);
        Map<String, String> observed = KedaMetadata.ofStreams(parse(STANDALONE, config),
                ParameterBinder.bind(config, RedisConnectionParameters.class));
        boolean lag = metadata.containsKey("lagCount");

        assertThat(observed).containsEntry("StreamName", metadata.get("stream"))
                .containsEntry("ConsumerGroupName", metadata.get("consumerGroup"))
                .containsEntry(lag ? "TargetLag" : "TargetPendingEntriesCount",
                        metadata.get(lag ? "lagCount" : "pendingEntriesCount"))
                .containsEntry("Username", "foobarred").containsEntry("Password", "foobarred")
                .containsEntry("DatabaseIndex", metadata.get("databaseIndex"))
                .containsEntry("EnableTLS", metadata.get("enableTLS"));
    }

    // ---- TestParseRedisStreamsMetadataForInvalidCases ---------------------------------------------------------------

    static Stream<Arguments> invalidCases() {
        Map<String, String> env = map("REDIS_SERVER", "myredis:6379", "REDIS_HOST", "myredis", "REDIS_PORT", "6379",
                "REDIS_PASSWORD", "");
        return Stream.of(
                Arguments.of("missing address as well as host/port", map("stream", "my-stream", "pendingEntriesCount", "5", "lagCount", "5", "consumerGroup", "my-stream-consumer-group"), env, RedisConnectionParameters.NO_ADDRESSES),
                Arguments.of("host present but missing port", map("stream", "my-stream", "pendingEntriesCount", "5", "lagCount", "5", "consumerGroup", "my-stream-consumer-group", "host", "REDIS_HOST"), env, RedisConnectionParameters.NO_ADDRESSES),
                Arguments.of("port present but missing host", map("stream", "my-stream", "pendingEntriesCount", "5", "lagCount", "5", "consumerGroup", "my-stream-consumer-group", "port", "REDIS_PORT"), env, RedisConnectionParameters.NO_ADDRESSES),
                Arguments.of("missing stream", map("pendingEntriesCount", "5", "consumerGroup", "my-stream-consumer-group", "address", "REDIS_HOST"), env, RedisStreamsParameters.MISSING_STREAM),
                Arguments.of("invalid lag", map("stream", "my-stream", "consumerGroup", "my-stream-consumer-group", "pendingEntriesCount", "5", "lagCount", "junk", "host", "REDIS_HOST", "port", "REDIS_PORT", "databaseIndex", "0", "enableTLS", "false"), env, "parameter \"lagCount\" value \"junk\" must be an integer"),
                Arguments.of("invalid pendingEntriesCount", map("stream", "my-stream", "consumerGroup", "my-stream-consumer-group", "pendingEntriesCount", "junk", "host", "REDIS_HOST", "port", "REDIS_PORT", "databaseIndex", "0", "enableTLS", "false"), env, "parameter \"pendingEntriesCount\" value \"junk\" must be an integer"),
                Arguments.of("invalid streamLength", map("stream", "my-stream", "streamLength", "junk", "host", "REDIS_HOST", "port", "REDIS_PORT", "databaseIndex", "0", "enableTLS", "false"), env, "parameter \"streamLength\" value \"junk\" must be an integer"),
                Arguments.of("invalid databaseIndex", map("stream", "my-stream", "consumerGroup", "my-stream-consumer-group", "pendingEntriesCount", "15", "address", "REDIS_SERVER", "databaseIndex", "junk", "enableTLS", "false"), env, "parameter \"databaseIndex\" value \"junk\" must be an integer"),
                Arguments.of("invalid enableTLS", map("stream", "my-stream", "consumerGroup", "my-stream-consumer-group", "pendingEntriesCount", "15", "address", "REDIS_SERVER", "databaseIndex", "1", "enableTLS", "no"), env, "parameter \"enableTLS\" value \"no\" must be true or false"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCases")
    void invalidCases(String name, Map<String, String> metadata, Map<String, String> env, String message) {
        TriggerConfig config = KedaMetadata.config(STANDALONE, true, metadata, env, map());

        assertThatThrownBy(() -> parse(STANDALONE, config)).isInstanceOf(ScalerConfigException.class)
                .hasMessageStartingWith("trigger[0] (redis-streams): ").hasMessageContaining(message);
    }

    @ParameterizedTest(name = "redisStreamMetricIdentifiers: trigger {0} is {1}")
    @CsvSource({"0, s0-redis-streams-my-stream", "1, s1-redis-streams-my-stream"})
    void redisStreamMetricIdentifiers(int triggerIndex, String metricName) {
        TriggerConfig config = KedaMetadata.config(STANDALONE, true, map("stream", "my-stream", "consumerGroup",
                "my-stream-consumer-group", "pendingEntriesCount", "5", "address", "REDIS_SERVICE", "password",
                "REDIS_PASSWORD", "databaseIndex", "0", "enableTLS", "true"), map("REDIS_SERVICE", "my-address"), map())
                .toBuilder().triggerIndex(triggerIndex).build();

        assertThat(RedisStreamsScaler.metricSpec(parse(STANDALONE, config)).metricName()).isEqualTo(metricName);
    }

    /** TestActivityCount: lag mode with activationLagCount 3 is inactive at a lag of 0 and active at 4. */
    @Test
    void activityCount() {
        RedisStreamsParameters parameters = parse(STANDALONE, KedaMetadata.config(STANDALONE, true, map("hosts",
                "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "lagCount", "7", "activationLagCount", "3",
                "consumerGroup", "consumer1"), KEDA_ENV, map())).parameters();

        assertThat(parameters.mode()).isEqualTo(RedisStreamsParameters.Mode.LAG);
        assertThat(parameters.active(0)).isFalse();
        assertThat(parameters.active(4)).isTrue();
    }

    // ---- TestParseRedisClusterStreamsMetadata and TestParseRedisSentinelStreamsMetadata ---------------------------

    static Stream<Arguments> clusterAndSentinelRows() {
        return Stream.of(
                // KEDA TestParseRedisClusterStreamsMetadata
                fails(CLUSTER, "empty metadata", map(), NO_ENV, map(),
                        RedisConnectionParameters.NO_ADDRESSES),
                fails(CLUSTER, "unequal number of hosts/ports", map("hosts", "a, b, c", "ports", "1, 2"), NO_ENV, map(),
                        RedisConnectionParameters.UNEQUAL_HOSTS_AND_PORTS),
                fails(CLUSTER, "no stream name", map("hosts", "a, b, c", "ports", "1, 2, 3", "pendingEntriesCount", "5"), NO_ENV, map(),
                        RedisStreamsParameters.MISSING_STREAM),
                fails(CLUSTER, "invalid pending entries count", map("stream", "my-stream", "hosts", "a, b, c", "ports", "1, 2, 3", "consumerGroup", "consumer1", "pendingEntriesCount", "invalid"), NO_ENV, map(),
                        "parameter \"pendingEntriesCount\" value \"invalid\" must be an integer"),
                fails(CLUSTER, "invalid lag", map("stream", "my-stream", "hosts", "a, b, c", "ports", "1, 2, 3", "consumerGroup", "consumer1", "pendingEntriesCount", "5", "lagCount", "junk"), NO_ENV, map(),
                        "parameter \"lagCount\" value \"junk\" must be an integer"),
                reads(CLUSTER, "address is defined in auth params", map("stream", "my-stream", "lagCount", "6", "activationLagCount", "3", "consumerGroup", "consumer1"), NO_ENV, map("addresses", ":7001, :7002"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "0", "TargetLag", "6", "ActivationLagCount", "3", "ConsumerGroupName", "consumer1", "Addresses", "[:7001, :7002]", "scaleFactor", "lagFactor")),
                reads(CLUSTER, "zero activation lag count with lag count is allowed", map("stream", "my-stream", "lagCount", "7", "activationLagCount", "0", "consumerGroup", "consumer1"), NO_ENV, map("addresses", ":7001, :7002"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "0", "TargetLag", "7", "ActivationLagCount", "0", "ConsumerGroupName", "consumer1", "Addresses", "[:7001, :7002]", "scaleFactor", "lagFactor")),
                reads(CLUSTER, "address is defined in auth params", map("stream", "my-stream", "pendingEntriesCount", "5", "consumerGroup", "consumer1"), NO_ENV, map("addresses", ":7001, :7002"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "5", "ActivationLagCount", "0", "ConsumerGroupName", "consumer1", "Addresses", "[:7001, :7002]", "scaleFactor", "xPendingFactor")),
                reads(CLUSTER, "hosts and ports given in auth params", map("stream", "my-stream", "lagCount", "6", "activationLagCount", "3", "consumerGroup", "consumer1"), NO_ENV, map("hosts", "   a, b,    c ", "ports", "1, 2, 3"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "0", "TargetLag", "6", "ActivationLagCount", "3", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "scaleFactor", "lagFactor")),
                reads(CLUSTER, "hosts and ports given in auth params", map("stream", "my-stream", "pendingEntriesCount", "5", "consumerGroup", "consumer1"), NO_ENV, map("hosts", "   a, b,    c ", "ports", "1, 2, 3"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "5", "ActivationLagCount", "0", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "scaleFactor", "xPendingFactor")),
                reads(CLUSTER, "username given in authParams", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "lagCount", "7", "activationLagCount", "3", "consumerGroup", "consumer1"), NO_ENV, map("username", "username"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "0", "TargetLag", "7", "ActivationLagCount", "3", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Username", "username", "scaleFactor", "lagFactor")),
                reads(CLUSTER, "username given in authParams", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "pendingEntriesCount", "5", "consumerGroup", "consumer1"), NO_ENV, map("username", "username"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "5", "ActivationLagCount", "0", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Username", "username", "scaleFactor", "xPendingFactor")),
                reads(CLUSTER, "username given in metadata", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "pendingEntriesCount", "5", "consumerGroup", "consumer1", "username", "username"), NO_ENV, map(),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "5", "ActivationLagCount", "0", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Username", "username", "scaleFactor", "xPendingFactor")),
                reads(CLUSTER, "username given in metadata from env", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "lagCount", "7", "activationLagCount", "3", "consumerGroup", "consumer1", "usernameFromEnv", "REDIS_USERNAME"), KEDA_ENV, map(),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "0", "TargetLag", "7", "ActivationLagCount", "3", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Username", "none", "scaleFactor", "lagFactor")),
                reads(CLUSTER, "username given in metadata from env", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "pendingEntriesCount", "5", "consumerGroup", "consumer1", "usernameFromEnv", "REDIS_USERNAME"), KEDA_ENV, map(),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "5", "ActivationLagCount", "0", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Username", "none", "scaleFactor", "xPendingFactor")),
                reads(CLUSTER, "password given in authParams", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "lagCount", "7", "activationLagCount", "3", "consumerGroup", "consumer1"), NO_ENV, map("password", "password"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "0", "TargetLag", "7", "ActivationLagCount", "3", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Password", "password", "scaleFactor", "lagFactor")),
                reads(CLUSTER, "password given in authParams", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "pendingEntriesCount", "5", "consumerGroup", "consumer1"), NO_ENV, map("password", "password"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "5", "ActivationLagCount", "0", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Password", "password", "scaleFactor", "xPendingFactor")),
                reads(CLUSTER, "password given in metadata from env", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "lagCount", "7", "activationLagCount", "3", "consumerGroup", "consumer1", "passwordFromEnv", "REDIS_PASSWORD"), KEDA_ENV, map(),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "0", "TargetLag", "7", "ActivationLagCount", "3", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Password", "none", "scaleFactor", "lagFactor")),
                reads(CLUSTER, "password given in metadata from env", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "pendingEntriesCount", "5", "consumerGroup", "consumer1", "passwordFromEnv", "REDIS_PASSWORD"), KEDA_ENV, map(),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "5", "ActivationLagCount", "0", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Password", "none", "scaleFactor", "xPendingFactor")),
                reads(CLUSTER, "tls enabled without setting unsafeSsl", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "lagCount", "7", "activationLagCount", "3", "consumerGroup", "consumer1", "enableTLS", "true"), NO_ENV, map("password", "password"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "0", "TargetLag", "7", "ActivationLagCount", "3", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Password", "password", "EnableTLS", "true", "UnsafeSsl", "false", "scaleFactor", "lagFactor")),
                reads(CLUSTER, "tls enabled without setting unsafeSsl", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "pendingEntriesCount", "5", "consumerGroup", "consumer1", "enableTLS", "true"), NO_ENV, map("password", "password"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "5", "ActivationLagCount", "0", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Password", "password", "EnableTLS", "true", "UnsafeSsl", "false", "scaleFactor", "xPendingFactor")),
                reads(CLUSTER, "tls enabled with unsafeSsl true", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "lagCount", "7", "activationLagCount", "3", "consumerGroup", "consumer1", "enableTLS", "true", "unsafeSsl", "true"), NO_ENV, map("password", "password"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "0", "TargetLag", "7", "ActivationLagCount", "3", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Password", "password", "EnableTLS", "true", "UnsafeSsl", "true", "scaleFactor", "lagFactor")),
                reads(CLUSTER, "tls enabled with unsafeSsl true", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "pendingEntriesCount", "5", "consumerGroup", "consumer1", "enableTLS", "true", "unsafeSsl", "true"), NO_ENV, map("password", "password"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "5", "ActivationLagCount", "0", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Password", "password", "EnableTLS", "true", "UnsafeSsl", "true", "scaleFactor", "xPendingFactor")),
                reads(CLUSTER, "tls in auth param", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "pendingEntriesCount", "5", "consumerGroup", "consumer1"), NO_ENV, map("password", "password", "tls", "enable", "ca", "caaa", "cert", "ceert", "key", "keey", "keyPassword", "keeyPassword"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "5", "ActivationLagCount", "0", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Password", "password", "EnableTLS", "true", "Ca", "caaa", "Cert", "ceert", "Key", "keey", "KeyPassword", "keeyPassword", "scaleFactor", "xPendingFactor")),
                reads(CLUSTER, "stream is provided", map("stream", "my-stream"), NO_ENV, map("addresses", ":7001, :7002"),
                        map("StreamName", "my-stream", "TargetStreamLength", "5", "Addresses", "[:7001, :7002]", "scaleFactor", "xLengthFactor")),
                reads(CLUSTER, "stream, consumerGroup is provided", map("stream", "my-stream", "consumerGroup", "consumer1"), NO_ENV, map("addresses", ":7001, :7002"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "5", "TargetLag", "0", "ActivationLagCount", "0", "ConsumerGroupName", "consumer1", "Addresses", "[:7001, :7002]", "scaleFactor", "xPendingFactor")),
                // KEDA TestParseRedisSentinelStreamsMetadata
                fails(SENTINEL, "empty metadata", map(), NO_ENV, map(),
                        RedisConnectionParameters.NO_ADDRESSES),
                fails(SENTINEL, "unequal number of hosts/ports", map("hosts", "a, b, c", "ports", "1, 2"), NO_ENV, map(),
                        RedisConnectionParameters.UNEQUAL_HOSTS_AND_PORTS),
                fails(SENTINEL, "no stream name", map("hosts", "a, b, c", "ports", "1, 2, 3", "pendingEntriesCount", "5"), NO_ENV, map(),
                        RedisStreamsParameters.MISSING_STREAM),
                fails(SENTINEL, "invalid lag count", map("stream", "my-stream", "hosts", "a, b, c", "ports", "1, 2, 3", "consumerGroup", "consumer1", "pendingEntriesCount", "5", "lagCount", "invalid", "activationLagCount", "3"), NO_ENV, map(),
                        "parameter \"lagCount\" value \"invalid\" must be an integer"),
                reads(SENTINEL, "address is defined in auth params", map("stream", "my-stream", "lagCount", "7", "activationLagCount", "3", "consumerGroup", "consumer1"), NO_ENV, map("addresses", ":7001, :7002"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "0", "TargetLag", "7", "ActivationLagCount", "3", "ConsumerGroupName", "consumer1", "Addresses", "[:7001, :7002]", "scaleFactor", "lagFactor")),
                reads(SENTINEL, "address is defined in auth params", map("stream", "my-stream", "pendingEntriesCount", "5", "consumerGroup", "consumer1"), NO_ENV, map("addresses", ":7001, :7002"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "5", "ActivationLagCount", "0", "ConsumerGroupName", "consumer1", "Addresses", "[:7001, :7002]", "scaleFactor", "xPendingFactor")),
                reads(SENTINEL, "hosts and ports given in auth params", map("stream", "my-stream", "lagCount", "7", "activationLagCount", "3", "consumerGroup", "consumer1"), NO_ENV, map("hosts", "   a, b,    c ", "ports", "1, 2, 3"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "0", "TargetLag", "7", "ActivationLagCount", "3", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "scaleFactor", "lagFactor")),
                reads(SENTINEL, "hosts and ports given in auth params", map("stream", "my-stream", "pendingEntriesCount", "5", "consumerGroup", "consumer1"), NO_ENV, map("hosts", "   a, b,    c ", "ports", "1, 2, 3"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "5", "ActivationLagCount", "0", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "scaleFactor", "xPendingFactor")),
                reads(SENTINEL, "username given in authParams", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "lagCount", "7", "activationLagCount", "3", "consumerGroup", "consumer1"), NO_ENV, map("username", "username"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "0", "TargetLag", "7", "ActivationLagCount", "3", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Username", "username", "scaleFactor", "lagFactor")),
                reads(SENTINEL, "username given in authParams", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "pendingEntriesCount", "5", "consumerGroup", "consumer1"), NO_ENV, map("username", "username"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "5", "ActivationLagCount", "0", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Username", "username", "scaleFactor", "xPendingFactor")),
                reads(SENTINEL, "username given in metadata", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "lagCount", "7", "activationLagCount", "3", "consumerGroup", "consumer1", "username", "username"), NO_ENV, map(),
                        map("StreamName", "my-stream", "TargetLag", "7", "ActivationLagCount", "3", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Username", "username", "scaleFactor", "lagFactor")),
                reads(SENTINEL, "username given in metadata", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "pendingEntriesCount", "5", "consumerGroup", "consumer1", "username", "username"), NO_ENV, map(),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "5", "ActivationLagCount", "0", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Username", "username", "scaleFactor", "xPendingFactor")),
                reads(SENTINEL, "username given in metadata from env", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "lagCount", "7", "activationLagCount", "3", "consumerGroup", "consumer1", "usernameFromEnv", "REDIS_USERNAME"), KEDA_ENV, map(),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "0", "TargetLag", "7", "ActivationLagCount", "3", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Username", "none", "scaleFactor", "lagFactor")),
                reads(SENTINEL, "username given in metadata from env", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "pendingEntriesCount", "5", "consumerGroup", "consumer1", "usernameFromEnv", "REDIS_USERNAME"), KEDA_ENV, map(),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "5", "ActivationLagCount", "0", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Username", "none", "scaleFactor", "xPendingFactor")),
                reads(SENTINEL, "password given in authParams", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "lagCount", "7", "activationLagCount", "3", "consumerGroup", "consumer1"), NO_ENV, map("password", "password"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "0", "TargetLag", "7", "ActivationLagCount", "3", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Password", "password", "scaleFactor", "lagFactor")),
                reads(SENTINEL, "password given in authParams", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "pendingEntriesCount", "5", "consumerGroup", "consumer1"), NO_ENV, map("password", "password"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "5", "ActivationLagCount", "0", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Password", "password", "scaleFactor", "xPendingFactor")),
                reads(SENTINEL, "password given in metadata from env", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "lagCount", "7", "activationLagCount", "3", "consumerGroup", "consumer1", "passwordFromEnv", "REDIS_PASSWORD"), KEDA_ENV, map(),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "0", "TargetLag", "7", "ActivationLagCount", "3", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Password", "none", "scaleFactor", "lagFactor")),
                reads(SENTINEL, "password given in metadata from env", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "pendingEntriesCount", "5", "consumerGroup", "consumer1", "passwordFromEnv", "REDIS_PASSWORD"), KEDA_ENV, map(),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "5", "ActivationLagCount", "0", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Password", "none", "scaleFactor", "xPendingFactor")),
                reads(SENTINEL, "sentinelUsername given in authParams", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "lagCount", "7", "activationLagCount", "3", "consumerGroup", "consumer1"), NO_ENV, map("sentinelUsername", "sentinelUsername"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "0", "TargetLag", "7", "ActivationLagCount", "3", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "SentinelUsername", "sentinelUsername", "scaleFactor", "lagFactor")),
                reads(SENTINEL, "sentinelUsername given in authParams", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "pendingEntriesCount", "5", "consumerGroup", "consumer1"), NO_ENV, map("sentinelUsername", "sentinelUsername"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "5", "ActivationLagCount", "0", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "SentinelUsername", "sentinelUsername", "scaleFactor", "xPendingFactor")),
                reads(SENTINEL, "sentinelUsername given in metadata", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "lagCount", "7", "activationLagCount", "3", "consumerGroup", "consumer1", "sentinelUsername", "sentinelUsername"), NO_ENV, map(),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "0", "TargetLag", "7", "ActivationLagCount", "3", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "SentinelUsername", "sentinelUsername", "scaleFactor", "lagFactor")),
                reads(SENTINEL, "sentinelUsername given in metadata", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "pendingEntriesCount", "5", "consumerGroup", "consumer1", "sentinelUsername", "sentinelUsername"), NO_ENV, map(),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "5", "ActivationLagCount", "0", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "SentinelUsername", "sentinelUsername", "scaleFactor", "xPendingFactor")),
                reads(SENTINEL, "sentinelUsername given in metadata from env", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "lagCount", "7", "activationLagCount", "3", "consumerGroup", "consumer1", "sentinelUsernameFromEnv", "REDIS_SENTINEL_USERNAME"), KEDA_ENV, map(),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "0", "TargetLag", "7", "ActivationLagCount", "3", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "SentinelUsername", "none", "scaleFactor", "lagFactor")),
                reads(SENTINEL, "sentinelUsername given in metadata from env", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "pendingEntriesCount", "5", "consumerGroup", "consumer1", "sentinelUsernameFromEnv", "REDIS_SENTINEL_USERNAME"), KEDA_ENV, map(),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "5", "ActivationLagCount", "0", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "SentinelUsername", "none", "scaleFactor", "xPendingFactor")),
                reads(SENTINEL, "sentinelPassword given in authParams", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "lagCount", "7", "activationLagCount", "3", "consumerGroup", "consumer1"), NO_ENV, map("sentinelPassword", "sentinelPassword"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "0", "TargetLag", "7", "ActivationLagCount", "3", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "SentinelPassword", "sentinelPassword", "scaleFactor", "lagFactor")),
                reads(SENTINEL, "sentinelPassword given in authParams", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "pendingEntriesCount", "5", "consumerGroup", "consumer1"), NO_ENV, map("sentinelPassword", "sentinelPassword"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "5", "ActivationLagCount", "0", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "SentinelPassword", "sentinelPassword", "scaleFactor", "xPendingFactor")),
                reads(SENTINEL, "sentinelPassword given in metadata from env", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "lagCount", "7", "activationLagCount", "3", "consumerGroup", "consumer1", "sentinelPasswordFromEnv", "REDIS_SENTINEL_PASSWORD"), KEDA_ENV, map(),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "0", "TargetLag", "7", "ActivationLagCount", "3", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "SentinelPassword", "none", "scaleFactor", "lagFactor")),
                reads(SENTINEL, "sentinelPassword given in metadata from env", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "pendingEntriesCount", "5", "consumerGroup", "consumer1", "sentinelPasswordFromEnv", "REDIS_SENTINEL_PASSWORD"), KEDA_ENV, map(),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "5", "ActivationLagCount", "0", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "SentinelPassword", "none", "scaleFactor", "xPendingFactor")),
                reads(SENTINEL, "sentinelMaster given in authParams", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "lagCount", "7", "activationLagCount", "3", "consumerGroup", "consumer1"), NO_ENV, map("sentinelMaster", "sentinelMaster"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "0", "TargetLag", "7", "ActivationLagCount", "3", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "SentinelMaster", "sentinelMaster", "scaleFactor", "lagFactor")),
                reads(SENTINEL, "sentinelMaster given in authParams", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "pendingEntriesCount", "5", "consumerGroup", "consumer1"), NO_ENV, map("sentinelMaster", "sentinelMaster"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "5", "ActivationLagCount", "0", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "SentinelMaster", "sentinelMaster", "scaleFactor", "xPendingFactor")),
                reads(SENTINEL, "sentinelMaster given in metadata", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "lagCount", "7", "activationLagCount", "3", "consumerGroup", "consumer1", "sentinelMaster", "sentinelMaster"), NO_ENV, map(),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "0", "TargetLag", "7", "ActivationLagCount", "3", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "SentinelMaster", "sentinelMaster", "scaleFactor", "lagFactor")),
                reads(SENTINEL, "sentinelMaster given in metadata", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "pendingEntriesCount", "5", "consumerGroup", "consumer1", "sentinelMaster", "sentinelMaster"), NO_ENV, map(),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "5", "ActivationLagCount", "0", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "SentinelMaster", "sentinelMaster", "scaleFactor", "xPendingFactor")),
                reads(SENTINEL, "sentinelMaster given in metadata from env", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "lagCount", "7", "activationLagCount", "3", "consumerGroup", "consumer1", "sentinelMasterFromEnv", "REDIS_SENTINEL_MASTER"), KEDA_ENV, map(),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "0", "TargetLag", "7", "ActivationLagCount", "3", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "SentinelMaster", "none", "scaleFactor", "lagFactor")),
                reads(SENTINEL, "sentinelMaster given in metadata from env", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "pendingEntriesCount", "5", "consumerGroup", "consumer1", "sentinelMasterFromEnv", "REDIS_SENTINEL_MASTER"), KEDA_ENV, map(),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "5", "ActivationLagCount", "0", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "SentinelMaster", "none", "scaleFactor", "xPendingFactor")),
                reads(SENTINEL, "tls enabled without setting unsafeSsl", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "lagCount", "7", "activationLagCount", "3", "consumerGroup", "consumer1", "enableTLS", "true"), NO_ENV, map("password", "password"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "0", "TargetLag", "7", "ActivationLagCount", "3", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Password", "password", "EnableTLS", "true", "UnsafeSsl", "false", "scaleFactor", "lagFactor")),
                reads(SENTINEL, "tls enabled without setting unsafeSsl", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "pendingEntriesCount", "5", "consumerGroup", "consumer1", "enableTLS", "true"), NO_ENV, map("password", "password"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "5", "ActivationLagCount", "0", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Password", "password", "EnableTLS", "true", "UnsafeSsl", "false", "scaleFactor", "xPendingFactor")),
                reads(SENTINEL, "tls enabled with unsafeSsl true", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "lagCount", "7", "activationLagCount", "3", "consumerGroup", "consumer1", "enableTLS", "true", "unsafeSsl", "true"), NO_ENV, map("password", "password"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "0", "TargetLag", "7", "ActivationLagCount", "3", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Password", "password", "EnableTLS", "true", "UnsafeSsl", "true", "scaleFactor", "lagFactor")),
                reads(SENTINEL, "tls enabled with unsafeSsl true", map("hosts", "a, b, c", "ports", "1, 2, 3", "stream", "my-stream", "pendingEntriesCount", "5", "consumerGroup", "consumer1", "enableTLS", "true", "unsafeSsl", "true"), NO_ENV, map("password", "password"),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "5", "ActivationLagCount", "0", "ConsumerGroupName", "consumer1", "Addresses", "[a:1, b:2, c:3]", "Hosts", "[a, b, c]", "Ports", "[1, 2, 3]", "Password", "password", "EnableTLS", "true", "UnsafeSsl", "true", "scaleFactor", "xPendingFactor")),
                reads(SENTINEL, "streamLength passed", map("hosts", "a", "ports", "1", "stream", "my-stream", "streamLength", "15"), NO_ENV, map(),
                        map("StreamName", "my-stream", "TargetStreamLength", "15", "Addresses", "[a:1]", "Hosts", "[a]", "Ports", "[1]", "Password", "", "EnableTLS", "false", "UnsafeSsl", "false", "scaleFactor", "xLengthFactor")),
                reads(SENTINEL, "streamLength, pendingEntriesCount and consumerGroup passed", map("hosts", "a", "ports", "1", "stream", "my-stream", "streamLength", "15", "lagCount", "70", "activationLagCount", "3", "consumerGroup", "consumer1"), NO_ENV, map(),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "0", "TargetLag", "70", "ActivationLagCount", "3", "ConsumerGroupName", "consumer1", "Addresses", "[a:1]", "Hosts", "[a]", "Ports", "[1]", "Password", "", "EnableTLS", "false", "UnsafeSsl", "false", "scaleFactor", "lagFactor")),
                reads(SENTINEL, "streamLength, pendingEntriesCount and consumerGroup passed", map("hosts", "a", "ports", "1", "stream", "my-stream", "streamLength", "15", "pendingEntriesCount", "5", "consumerGroup", "consumer1"), NO_ENV, map(),
                        map("StreamName", "my-stream", "TargetPendingEntriesCount", "5", "ActivationLagCount", "0", "ConsumerGroupName", "consumer1", "Addresses", "[a:1]", "Hosts", "[a]", "Ports", "[1]", "Password", "", "EnableTLS", "false", "UnsafeSsl", "false", "scaleFactor", "xPendingFactor")),
                reads(SENTINEL, "streamLength and pendingEntriesCount passed", map("hosts", "a", "ports", "1", "stream", "my-stream", "streamLength", "15", "pendingEntriesCount", "30"), NO_ENV, map(),
                        map("StreamName", "my-stream", "TargetStreamLength", "15", "Addresses", "[a:1]", "Hosts", "[a]", "Ports", "[1]", "Password", "", "EnableTLS", "false", "UnsafeSsl", "false", "scaleFactor", "xLengthFactor")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("clusterAndSentinelRows")
    void clusterAndSentinelRows(Topology topology, String name, Map<String, String> metadata, Map<String, String> env,
            Map<String, String> authParams, Map<String, String> want, String error) {
        TriggerConfig config = KedaMetadata.config(topology, true, metadata, env, authParams);
        if (error != null) {
            assertThatThrownBy(() -> parse(topology, config)).isInstanceOf(ScalerConfigException.class)
                    .hasMessageStartingWith("trigger[0] (" + topology.type(true) + "): ").hasMessageContaining(error);
            return;
        }
        Map<String, String> observed = KedaMetadata.ofStreams(parse(topology, config),
                ParameterBinder.bind(config, RedisConnectionParameters.class));
        assertThat(observed).isEqualTo(KedaMetadata.expected(observed, want));
    }
}
