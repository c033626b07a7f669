package dev.tide.scaler.redis;

import dev.tide.scaler.api.params.Param;

/** The list part of a {@code redis}, {@code redis-cluster} or {@code redis-sentinel} trigger (KEDA's {@code redisMetadata}). */
record RedisListParameters(
        @Param(description = "the key to measure: a list (LLEN), set (SCARD), sorted set (ZCARD) or hash (HLEN); a "
                + "missing key counts 0")
        String listName,

        @Param(defaultValue = "5", description = "target size per replica (AverageValue) or in total (Value)")
        long listLength,

        @Param(defaultValue = "0", description = "the trigger is active while the size is above this")
        long activationListLength) {
}
