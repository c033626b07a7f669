package dev.tide.scaler.redis;

import dev.tide.scaler.api.ScalerFactory;

/**
 * What {@code dev.tide.benchmarks.RedisBenchmarks} needs of the scaler's package-private parts. It lives in the
 * benchmarks jar under the scaler's package (one class path, so one runtime package) rather than widening the
 * scaler's API for a harness.
 */
public final class RedisBenchmarkAccess {

    private RedisBenchmarkAccess() {
    }

    /** A {@code redis} factory with a connection pool of its own: one per trigger is KEDA's client per trigger. */
    public static ScalerFactory factoryWithItsOwnConnections() {
        return new RedisFamilyFactory(Topology.STANDALONE, false, new RedisConnections()) {
        };
    }

    /** The Lua script a {@code redis} trigger sends, for the baseline's plain Lettuce call. */
    public static String lengthScript() {
        return RedisListScaler.LENGTH_SCRIPT;
    }
}
