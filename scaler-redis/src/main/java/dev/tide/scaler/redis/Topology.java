package dev.tide.scaler.redis;

/** How the addresses of a redis-family trigger are used: KEDA's {@code isClustered} and {@code isSentinel}. */
enum Topology {
    /** {@code redis}, {@code redis-streams}: one server, the first address. */
    STANDALONE(""),
    /** {@code redis-cluster}, {@code redis-cluster-streams}: every address is a seed node; no database index. */
    CLUSTER("-cluster"),
    /** {@code redis-sentinel}, {@code redis-sentinel-streams}: the addresses are sentinels naming the master. */
    SENTINEL("-sentinel");

    private final String typeInfix;

    Topology(String typeInfix) {
        this.typeInfix = typeInfix;
    }

    /** The trigger type: {@code redis<infix>} for lists, {@code redis<infix>-streams} for streams. */
    String type(boolean streams) {
        return "redis" + typeInfix + (streams ? "-streams" : "");
    }

    /** KEDA's words when the first connection fails: {@code connection to redis cluster failed}. */
    String connectionFailure() {
        return switch (this) {
            case STANDALONE -> "connection to redis failed";
            case CLUSTER -> "connection to redis cluster failed";
            case SENTINEL -> "connection to redis sentinel failed";
        };
    }
}
