package dev.tide.scaler.redis;

import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.params.ParameterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One redis-family trigger, bound and checked (KEDA's {@code parseRedisMetadata} and
 * {@code parseRedisStreamsMetadata}): its connection, its list or stream parameters, and what the host gives it.
 *
 * @param <P> {@link RedisListParameters} or {@link RedisStreamsParameters}
 */
record RedisTrigger<P extends Record>(String label, int index, ConnectionIdentity identity, P parameters,
        MetricTargetType metricType, Duration timeout) {

    /** @throws ScalerConfigException naming the trigger and everything that is wrong at once */
    static <P extends Record> RedisTrigger<P> parse(TriggerConfig config, Topology topology, Class<P> type) {
        List<String> problems = new ArrayList<>();
        MetricTargetType metricType = config.metricType().orElse(MetricTargetType.AVERAGE_VALUE);
        if (metricType == MetricTargetType.UTILIZATION) {
            problems.add("error getting scaler metric type: 'Utilization' metric type is unsupported for external "
                    + "metrics, allowed values are 'Value' or 'AverageValue'");
        }
        RedisConnectionParameters connection = null;
        P parameters = null;
        try {
            connection = ParameterBinder.bind(config, RedisConnectionParameters.class);
        } catch (ScalerConfigException e) {
            problems.addAll(e.problems());
        }
        try {
            parameters = ParameterBinder.bind(config, type);
        } catch (ScalerConfigException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new ScalerConfigException(config.label(), problems);
        }
        return new RedisTrigger<>(config.label(), config.triggerIndex(), ConnectionIdentity.of(topology, connection),
                parameters, metricType, config.timeout());
    }
}
