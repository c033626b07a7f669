package dev.tide.scaler.redis;

import dev.tide.scaler.api.Secret;
import dev.tide.scaler.api.TriggerConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The parity tests' view of a parsed trigger as KEDA's {@code redisMetadata} / {@code redisStreamsMetadata} structs
 * (field names as in Go, zero values where Go has them), so a KEDA row's {@code wantMeta} compares field for field.
 */
final class KedaMetadata {

    /** KEDA's {@code testRedisResolvedEnv}. */
    static final Map<String, String> KEDA_ENV = Map.of("REDIS_HOST", "none", "REDIS_PORT", "6379",
            "REDIS_USERNAME", "none", "REDIS_PASSWORD", "none", "REDIS_SENTINEL_MASTER", "none",
            "REDIS_SENTINEL_USERNAME", "none", "REDIS_SENTINEL_PASSWORD", "none");
    static final Map<String, String> NO_ENV = Map.of();

    private KedaMetadata() {
    }

    /** A row KEDA parses into {@code want} (only the fields Go's literal sets; the rest are zero). */
    static Arguments reads(Topology topology, String name, Map<String, String> metadata, Map<String, String> env,
            Map<String, String> authParams, Map<String, String> want) {
        return Arguments.of(topology, name, metadata, env, authParams, want, null);
    }

    /** A row KEDA refuses with an error containing {@code message} (Tide's words where KEDA's is generic). */
    static Arguments fails(Topology topology, String name, Map<String, String> metadata, Map<String, String> env,
            Map<String, String> authParams, String message) {
        return Arguments.of(topology, name, metadata, env, authParams, null, message);
    }

    static TriggerConfig config(Topology topology, boolean streams, Map<String, String> metadata,
            Map<String, String> env, Map<String, String> authParams) {
        return TriggerConfig.builder(topology.type(streams)).metadata(metadata).resolvedEnv(env).authParams(authParams)
                .build();
    }

    /** {@code key, value, ...}, in order. */
    static Map<String, String> map(String... entries) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            map.put(entries[i], entries[i + 1]);
        }
        return map;
    }

    /** The Go struct of a list trigger, every field. */
    static Map<String, String> of(RedisTrigger<RedisListParameters> trigger, RedisConnectionParameters connection) {
        Map<String, String> fields = connectionInfo(connection);
        RedisListParameters list = trigger.parameters();
        fields.put("ListName", list.listName());
        fields.put("ListLength", Long.toString(list.listLength()));
        fields.put("ActivationListLength", Long.toString(list.activationListLength()));
        return fields;
    }

    /** The Go struct of a streams trigger, every field, with the targets KEDA's {@code Validate} zeroes zeroed. */
    static Map<String, String> ofStreams(RedisTrigger<RedisStreamsParameters> trigger, RedisConnectionParameters connection) {
        Map<String, String> fields = connectionInfo(connection);
        RedisStreamsParameters streams = trigger.parameters();
        RedisStreamsParameters.Mode mode = streams.mode();
        fields.put("StreamName", streams.streamName());
        fields.put("ConsumerGroupName", streams.consumerGroup().orElse(""));
        fields.put("TargetPendingEntriesCount",
                mode == RedisStreamsParameters.Mode.PENDING_ENTRIES ? Long.toString(streams.pendingEntriesCount()) : "0");
        fields.put("TargetStreamLength",
                mode == RedisStreamsParameters.Mode.STREAM_LENGTH ? Long.toString(streams.streamLength()) : "0");
        fields.put("TargetLag", Long.toString(streams.lagCount()));
        fields.put("ActivationLagCount", Long.toString(streams.activationLagCount()));
        fields.put("scaleFactor", switch (mode) {
            case STREAM_LENGTH -> "xLengthFactor";
            case PENDING_ENTRIES -> "xPendingFactor";
            case LAG -> "lagFactor";
        });
        return fields;
    }

    /** Go's zero values for every field {@code observed} has, overlaid with the row's {@code want}. */
    static Map<String, String> expected(Map<String, String> observed, Map<String, String> want) {
        Map<String, String> expected = new TreeMap<>();
        observed.forEach((field, value) -> expected.put(field, zero(field)));
        expected.putAll(want);
        return expected;
    }

    private static String zero(String field) {
        return switch (field) {
            case "Addresses", "Hosts", "Ports" -> "[]";
            case "EnableTLS", "UnsafeSsl" -> "false";
            case "ListLength", "ActivationListLength", "DatabaseIndex", "TargetPendingEntriesCount", "TargetStreamLength",
                    "TargetLag", "ActivationLagCount" -> "0";
            default -> "";
        };
    }

    private static Map<String, String> connectionInfo(RedisConnectionParameters connection) {
        Map<String, String> fields = new TreeMap<>();
        // Go's Addresses after Validate: address entries, then host:port pairs.
        fields.put("Addresses", connection.endpoints().toString());
        fields.put("Hosts", connection.hosts().toString());
        fields.put("Ports", connection.ports().toString());
        fields.put("Username", connection.username().orElse(""));
        fields.put("Password", revealed(connection.password()));
        fields.put("SentinelMaster", connection.sentinelMaster().orElse(""));
        fields.put("SentinelUsername", connection.sentinelUsername().orElse(""));
        fields.put("SentinelPassword", revealed(connection.sentinelPassword()));
        fields.put("EnableTLS", Boolean.toString(connection.tlsEnabled()));
        fields.put("UnsafeSsl", Boolean.toString(connection.unsafeSsl()));
        fields.put("Cert", revealed(connection.cert()));
        fields.put("Key", revealed(connection.key()));
        fields.put("KeyPassword", revealed(connection.keyPassword()));
        fields.put("Ca", revealed(connection.ca()));
        fields.put("DatabaseIndex", Integer.toString(connection.databaseIndex()));
        return fields;
    }

    private static String revealed(Optional<Secret> secret) {
        return secret.map(Secret::reveal).orElse("");
    }

}
