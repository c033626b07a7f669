/**
 * Trigger types {@code redis}, {@code redis-cluster}, {@code redis-sentinel} (a list's, set's, sorted set's or
 * hash's size) and {@code redis-streams}, {@code redis-cluster-streams}, {@code redis-sentinel-streams} (a stream's
 * length, a consumer group's pending entries or its lag), as KEDA's redis scalers read them: the same parameters,
 * sources, defaults, metric names and messages. The client is Lettuce, one connection per server, credential, TLS
 * identity and database index, shared by the triggers that use it; {@code docs/compatibility.md} lists what differs.
 */
package dev.tide.scaler.redis;
