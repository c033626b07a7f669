package dev.tide.scaler.redis;

import dev.tide.scaler.api.params.Param;
import java.util.Optional;

/**
 * The stream part of a {@code redis-streams} family trigger (KEDA's {@code redisStreamsMetadata}). Which count is read
 * follows KEDA's {@code Validate}: see {@link #mode()}.
 */
record RedisStreamsParameters(
        @Param(description = "the stream's key; required (missing: `missing redis stream name`, KEDA's message)")
        Optional<String> stream,

        @Param(description = "a consumer group: then its pending entries (XPENDING) or, with `lagCount`, its lag "
                + "are read instead of the stream's length")
        Optional<String> consumerGroup,

        @Param(defaultValue = "5", description = "target pending entries, with `consumerGroup` and no `lagCount`")
        long pendingEntriesCount,

        @Param(defaultValue = "5", description = "target stream length (XLEN), without `consumerGroup`")
        long streamLength,

        @Param(defaultValue = "0", description = "with `consumerGroup`, a value other than 0 reads the group's lag "
                + "(XINFO GROUPS, Redis 7+) and targets it")
        long lagCount,

        @Param(defaultValue = "0", description = "the trigger is active while the value read is above this, in every "
                + "mode")
        long activationLagCount) {

    /** KEDA's {@code ErrRedisMissingStreamName}. */
    static final String MISSING_STREAM = "missing redis stream name";

    /** What a trigger reads (KEDA's {@code scaleFactor}). */
    enum Mode {
        /** XLEN of the stream, against {@code streamLength}. */
        STREAM_LENGTH,
        /** XPENDING's count for the group, against {@code pendingEntriesCount}. */
        PENDING_ENTRIES,
        /** The group's {@code lag} from XINFO GROUPS, against {@code lagCount}. */
        LAG
    }

    RedisStreamsParameters {
        if (stream.isEmpty()) {
            throw new IllegalArgumentException(MISSING_STREAM);
        }
    }

    /** No group: the stream's length; a group and a lag target: the lag; a group only: the pending entries. */
    Mode mode() {
        if (consumerGroup.isEmpty()) {
            return Mode.STREAM_LENGTH;
        }
        return lagCount != 0 ? Mode.LAG : Mode.PENDING_ENTRIES;
    }

    /** The target of the mode read; KEDA zeroes the others. */
    long target() {
        return switch (mode()) {
            case STREAM_LENGTH -> streamLength;
            case PENDING_ENTRIES -> pendingEntriesCount;
            case LAG -> lagCount;
        };
    }

    /** KEDA compares every mode's value with {@code activationLagCount}. */
    boolean active(long value) {
        return value > activationLagCount;
    }

    String streamName() {
        return stream.orElseThrow();
    }
}
