package dev.tide.scaler.redis;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.metrics.MetricNames;
import io.lettuce.core.ScriptOutputType;
import java.util.List;

/**
 * One {@code redis}, {@code redis-cluster} or {@code redis-sentinel} trigger: the size of {@code listName} by its
 * type, read in one round trip by KEDA's Lua script, active while above {@code activationListLength}.
 */
final class RedisListScaler implements Scaler {

    /** KEDA's script, verbatim: a missing key ({@code none}) counts 0 through LLEN, another type is an error. */
    static final String LENGTH_SCRIPT = """

            		local listName = KEYS[1]
            		local listType = redis.call('type', listName).ok
            		if listType == 'zset' then
            			return redis.call('zcard', listName)
            		elseif listType == 'set' then
            			return redis.call('scard', listName)
            		elseif listType == 'hash' then
            			return redis.call('hlen', listName)
            		elseif listType == 'list' or listType == 'none' then
            			return redis.call('llen', listName)
            		else
            			return redis.error_reply('ERR unsupported key type: ' .. listType)
            		end
            	""";

    private final RedisTrigger<RedisListParameters> trigger;
    private final RedisReader reader;
    private final MetricSpec metricSpec;

    RedisListScaler(RedisTrigger<RedisListParameters> trigger, RedisReader reader) {
        this.trigger = trigger;
        this.reader = reader;
        this.metricSpec = metricSpec(trigger);
    }

    /** {@code s<i>-redis-<listName>}, normalized as KEDA does; the target is {@code listLength}. */
    static MetricSpec metricSpec(RedisTrigger<RedisListParameters> trigger) {
        return new MetricSpec(MetricNames.withIndex(trigger.index(), "redis-" + trigger.parameters().listName()),
                trigger.metricType(), MilliValue.ofWhole(trigger.parameters().listLength()));
    }

    @Override
    public List<MetricSpec> metricSpecs() {
        return List.of(metricSpec);
    }

    @Override
    public ScalerSample sample(String metricName) {
        String key = trigger.parameters().listName();
        long length = reader.read("error getting list length",
                commands -> commands.<Long>eval(LENGTH_SCRIPT, ScriptOutputType.INTEGER, key));
        return ScalerSample.of(MetricValue.of(metricName, length), length > trigger.parameters().activationListLength());
    }

    @Override
    public void close() {
        reader.close();
    }

    @Override
    public String toString() {
        return "RedisListScaler[" + trigger.label() + ", " + trigger.identity().addresses() + ", listName="
                + trigger.parameters().listName() + "]";
    }
}
