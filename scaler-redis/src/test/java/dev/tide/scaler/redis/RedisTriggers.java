package dev.tide.scaler.redis;

import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.TriggerConfig;
import java.util.HashMap;
import java.util.Map;

/** Builds triggers and factories with a pool of their own, so a test counts only its own connections. */
final class RedisTriggers {

    private RedisTriggers() {
    }

    static RedisFamilyFactory factory(Topology topology, boolean streams, RedisConnections connections) {
        return new RedisFamilyFactory(topology, streams, connections) {
        };
    }

    static TriggerConfig config(String type, Map<String, String> metadata, Map<String, String> authParams) {
        return TriggerConfig.builder(type).metadata(metadata).authParams(authParams).build();
    }

    /** {@code key, value, key, value...} */
    static Map<String, String> map(String... entries) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            map.put(entries[i], entries[i + 1]);
        }
        return map;
    }

    /** One read of the trigger's only metric. */
    static ScalerSample sample(Scaler scaler) {
        return scaler.sample(scaler.metricSpecs().get(0).metricName());
    }

    /** One read's value, a whole number. */
    static long value(Scaler scaler) {
        return sample(scaler).values().get(0).value().millis() / 1000;
    }
}
