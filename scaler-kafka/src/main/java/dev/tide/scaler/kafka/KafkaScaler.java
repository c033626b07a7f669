package dev.tide.scaler.kafka;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.ScalerSample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One {@code type: kafka} trigger. Holds a share of its cluster's client and, for persistent lag, the last offsets. */
final class KafkaScaler implements Scaler {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaScaler.class);

    private final String label;
    private final KafkaTriggerParams params;
    private final LagMath.LagRules rules;
    private final LagQuery query;
    private final MetricSpec spec;
    private final KafkaClusters pool;
    private final KafkaCluster cluster;
    private final AtomicBoolean closed = new AtomicBoolean();
    // Committed offsets seen at the previous poll; kept only with excludePersistentLag. Guarded by this.
    private final Map<TopicPartition, Long> previousCommitted = new HashMap<>();

    KafkaScaler(String label, KafkaTriggerParams params, LagQuery query, MetricSpec spec, KafkaClusters pool,
            KafkaCluster cluster) {
        this.label = label;
        this.params = params;
        this.rules = LagMath.LagRules.of(params);
        this.query = query;
        this.spec = spec;
        this.pool = pool;
        this.cluster = cluster;
    }

    /** The trigger's {@code metricType} as KEDA honours it (Value or AverageValue); AverageValue when absent. */
    static MetricSpec metricSpec(String metricName, KafkaTriggerParams params, Optional<MetricTargetType> metricType) {
        return new MetricSpec(metricName, metricType.orElse(MetricTargetType.AVERAGE_VALUE), MilliValue.ofWhole(params.lagThreshold()));
    }

    /** The shared cluster this trigger reads; tests and benchmarks look at its rounds. */
    KafkaCluster cluster() {
        return cluster;
    }

    @Override
    public List<MetricSpec> metricSpecs() {
        return List.of(spec);
    }

    @Override
    public ScalerSample sample(String metricName) {
        if (closed.get()) {
            throw new ScalerException(label + ": the scaler is closed");
        }
        List<PartitionReading> readings;
        try {
            readings = cluster.read(query);
        } catch (ScalerException e) {
            throw new ScalerException(label + ": " + e.getMessage(), e.getCause());
        }
        LagMath.TotalLag total = totals(readings);
        LOG.debug("{}: group {} lag {} (with persistent {}) over {} partitions, {} with lag", label,
                params.consumerGroup(), total.lag(), total.lagWithPersistent(), total.partitions(),
                total.partitionsWithLag());
        return ScalerSample.of(new MetricValue(metricName, MilliValue.ofWhole(total.lag())),
                total.lagWithPersistent() > params.activationLagThreshold());
    }

    private synchronized LagMath.TotalLag totals(List<PartitionReading> readings) {
        List<LagMath.PartitionOffsets> offsets = new ArrayList<>(readings.size());
        for (PartitionReading reading : readings) {
            Long previous = previousCommitted.get(reading.partition());
            offsets.add(new LagMath.PartitionOffsets(reading.partition(), reading.committed(),
                    OptionalLong.of(reading.latest()),
                    previous == null ? OptionalLong.empty() : OptionalLong.of(previous)));
        }
        if (params.excludePersistentLag()) {
            // KEDA remembers each valid committed offset it measured; a partition that vanished is forgotten.
            previousCommitted.clear();
            readings.stream().filter(r -> r.committed() != LagMath.INVALID_OFFSET)
                    .forEach(r -> previousCommitted.put(r.partition(), r.committed()));
        }
        return LagMath.totalLag(offsets, rules);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            pool.release(cluster);
        }
    }
}
