package dev.tide.scaler.redis;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.metrics.MetricNames;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.models.stream.PendingMessages;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One {@code redis-streams}, {@code redis-cluster-streams} or {@code redis-sentinel-streams} trigger: the stream's
 * length, the group's pending entries or the group's lag ({@link RedisStreamsParameters#mode()}), active while above
 * {@code activationLagCount} (KEDA's {@code createEntriesCountFn}).
 */
final class RedisStreamsScaler implements Scaler {

    private static final String WHAT = "error fetching metric count";

    private final RedisTrigger<RedisStreamsParameters> trigger;
    private final RedisReader reader;
    private final MetricSpec metricSpec;

    RedisStreamsScaler(RedisTrigger<RedisStreamsParameters> trigger, RedisReader reader) {
        this.trigger = trigger;
        this.reader = reader;
        this.metricSpec = metricSpec(trigger);
    }

    /** {@code s<i>-redis-streams-<stream>}; the target is the mode's: streamLength, pendingEntriesCount or lagCount. */
    static MetricSpec metricSpec(RedisTrigger<RedisStreamsParameters> trigger) {
        return new MetricSpec(MetricNames.withIndex(trigger.index(), "redis-streams-" + trigger.parameters().streamName()),
                trigger.metricType(), MilliValue.ofWhole(trigger.parameters().target()));
    }

    @Override
    public List<MetricSpec> metricSpecs() {
        return List.of(metricSpec);
    }

    @Override
    public ScalerSample sample(String metricName) {
        RedisStreamsParameters parameters = trigger.parameters();
        String stream = parameters.streamName();
        long count = switch (parameters.mode()) {
            case STREAM_LENGTH -> reader.read(WHAT, commands -> commands.xlen(stream));
            case PENDING_ENTRIES -> reader.read(WHAT, commands -> commands
                    .xpending(stream, parameters.consumerGroup().orElseThrow()).thenApply(PendingMessages::getCount));
            case LAG -> reader.read(WHAT, this::lag);
        };
        return ScalerSample.of(MetricValue.of(metricName, count), parameters.active(count));
    }

    /**
     * Redis 7 or later (INFO), then the group's {@code lag} from XINFO GROUPS; no stream yet is a lag of 0, a stream
     * without the group (no consumer has started) is its XLEN, what the lag would be.
     */
    private CompletionStage<Long> lag(RedisClusterAsyncCommands<String, String> commands) {
        String stream = trigger.parameters().streamName();
        String group = trigger.parameters().consumerGroup().orElseThrow();
        CompletableFuture<Long> lag = new CompletableFuture<>();
        commands.info("server").whenComplete((info, infoError) -> {
            String versionProblem = infoError != null ? "could not find Redis version" : StreamReplies.lagUnsupported(info);
            if (versionProblem != null) {
                lag.completeExceptionally(new IllegalStateException(versionProblem));
                return;
            }
            commands.xinfoGroups(stream).whenComplete((groups, groupsError) -> {
                if (groupsError != null) {
                    if (RedisReader.isReply(groupsError, "ERR no such key")) {
                        lag.complete(0L);
                    } else {
                        lag.completeExceptionally(groupsError);
                    }
                    return;
                }
                OptionalLong groupLag = StreamReplies.lagOf(groups, group);
                if (groupLag.isPresent()) {
                    lag.complete(groupLag.getAsLong());
                } else {
                    commands.xlen(stream).whenComplete((length, lengthError) -> {
                        if (lengthError != null) {
                            lag.completeExceptionally(lengthError);
                        } else {
                            lag.complete(length);
                        }
                    });
                }
            });
        });
        return lag;
    }

    @Override
    public void close() {
        reader.close();
    }

    @Override
    public String toString() {
        return "RedisStreamsScaler[" + trigger.label() + ", " + trigger.identity().addresses() + ", stream="
                + trigger.parameters().streamName() + ", mode=" + trigger.parameters().mode() + "]";
    }
}
