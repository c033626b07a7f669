package dev.tide.scaler.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;

/**
 * KEDA's lag arithmetic ({@code getLagForPartition} and {@code getTotalLag} in {@code kafka_scaler.go}) as pure
 * functions over what was read, so that every rule is checked with a table.
 */
final class LagMath {

    /** The committed offset Kafka reports for a partition the group has never committed. */
    static final long INVALID_OFFSET = -1;

    private LagMath() {
    }

    /** The trigger settings the arithmetic depends on. */
    record LagRules(
            OffsetResetPolicy offsetResetPolicy,
            boolean scaleToZeroOnInvalidOffset,
            boolean excludePersistentLag,
            boolean allowIdleConsumers,
            boolean limitToPartitionsWithLag,
            boolean ensureEvenDistributionOfPartitions,
            long lagThreshold) {

        static LagRules of(KafkaTriggerParams params) {
            return new LagRules(params.offsetResetPolicy(), params.scaleToZeroOnInvalidOffset(),
                    params.excludePersistentLag(), params.allowIdleConsumers(), params.limitToPartitionsWithLag(),
                    params.ensureEvenDistributionOfPartitions(), params.lagThreshold());
        }
    }

    /**
     * One partition as read in one poll.
     *
     * @param committed the group's committed offset, {@link #INVALID_OFFSET} when it has none
     * @param latest the end offset; empty when the partition was missing from the end-offset answer
     * @param previousCommitted the committed offset seen at the previous poll, for {@code excludePersistentLag}
     */
    record PartitionOffsets(TopicPartition partition, long committed, OptionalLong latest,
            OptionalLong previousCommitted) {
    }

    /** {@code lag} feeds the metric; {@code lagWithPersistent} (persistent lag included) decides activation. */
    record PartitionLag(long lag, long lagWithPersistent) {
    }

    /**
     * The totals of one poll.
     *
     * @param lag the metric value, capped as the rules say
     * @param lagWithPersistent the uncapped lag including persistent lag: activation compares this
     * @param partitions partitions counted (those with an end offset)
     * @param partitionsWithLag partitions whose {@code lag} is above 0
     */
    record TotalLag(long lag, long lagWithPersistent, long partitions, long partitionsWithLag) {
    }

    /** {@code getLagForPartition}: the conditions are checked in KEDA's order. */
    static PartitionLag partitionLag(PartitionOffsets offsets, LagRules rules) {
        long committed = offsets.committed();
        if (committed == INVALID_OFFSET && rules.offsetResetPolicy() == OffsetResetPolicy.LATEST) {
            // No commit yet and the consumer would start at the end: count 1 so that the trigger can wake it.
            long lag = rules.scaleToZeroOnInvalidOffset() ? 0 : 1;
            return new PartitionLag(lag, lag);
        }
        if (committed == INVALID_OFFSET && rules.scaleToZeroOnInvalidOffset()) {
            return new PartitionLag(0, 0);
        }
        if (offsets.latest().isEmpty()) {
            return new PartitionLag(0, 0);
        }
        long latest = offsets.latest().getAsLong();
        if (committed == INVALID_OFFSET) {
            return new PartitionLag(latest, latest);
        }
        long lag = latest - committed;
        if (rules.excludePersistentLag() && offsets.previousCommitted().equals(OptionalLong.of(committed))) {
            // The consumer did not move since the last poll: possibly stuck on a poison message; do not scale on it.
            return new PartitionLag(0, lag);
        }
        return new PartitionLag(lag, lag);
    }

    /** {@code getTotalLag}: sums the partitions that have an end offset, then applies the caps. */
    static TotalLag totalLag(Collection<PartitionOffsets> partitions, LagRules rules) {
        long totalLag = 0;
        long totalLagWithPersistent = 0;
        long counted = 0;
        long withLag = 0;
        for (PartitionOffsets offsets : partitions) {
            if (offsets.latest().isEmpty()) {
                continue;
            }
            PartitionLag lag = partitionLag(offsets, rules);
            totalLag += lag.lag();
            totalLagWithPersistent += lag.lagWithPersistent();
            counted++;
            if (lag.lag() > 0) {
                withLag++;
            }
        }
        return new TotalLag(cappedLag(totalLag, counted, withLag, rules), totalLagWithPersistent, counted, withLag);
    }

    /** Replicas beyond the partition count (or the partitions with lag) would idle: cap the metric there. */
    static long cappedLag(long totalLag, long partitions, long partitionsWithLag, LagRules rules) {
        if (rules.allowIdleConsumers() && !rules.limitToPartitionsWithLag()
                && !rules.ensureEvenDistributionOfPartitions()) {
            return totalLag;
        }
        long threshold = rules.lagThreshold();
        long lag = totalLag;
        long upperBound = partitions;
        if (rules.ensureEvenDistributionOfPartitions()) {
            lag = nextFactor(lag, partitions, threshold) * threshold;
        }
        if (rules.limitToPartitionsWithLag()) {
            upperBound = partitionsWithLag;
        }
        if (lag / threshold > upperBound) {
            lag = upperBound * threshold;
        }
        return lag;
    }

    /** KEDA's {@code FindFactors}: the divisors of {@code n} in ascending order; empty below 1. */
    static List<Long> factors(long n) {
        List<Long> small = new ArrayList<>();
        List<Long> large = new ArrayList<>();
        for (long i = 1; i * i <= n; i++) {
            if (n % i == 0) {
                small.add(i);
                if (i != n / i) {
                    large.add(0, n / i);
                }
            }
        }
        small.addAll(large);
        return small;
    }

    /**
     * KEDA's {@code getNextFactorThatBalancesConsumersToTopicPartitions}: the smallest replica count that divides
     * the partitions evenly and still covers the lag, else the partition count.
     */
    static long nextFactor(long totalLag, long partitions, long lagThreshold) {
        for (long factor : factors(partitions)) {
            if (factor * lagThreshold >= totalLag) {
                return factor;
            }
        }
        return partitions;
    }
}
