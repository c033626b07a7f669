package dev.tide.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.scaler.kafka.LagMath.LagRules;
import dev.tide.scaler.kafka.LagMath.PartitionLag;
import dev.tide.scaler.kafka.LagMath.PartitionOffsets;
import dev.tide.scaler.kafka.LagMath.TotalLag;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** KEDA's {@code TestFindFactors}, {@code TestGetNextFactor...}, {@code TestGetLagForPartition} and the totals. */
class LagMathTest {

    private static final TopicPartition TP = new TopicPartition("my-topic", 0);

    private static LagRules rules(String policy, boolean scaleToZero, boolean excludePersistent, boolean allowIdle,
            boolean limitToLag, boolean even, long threshold) {
        return new LagRules(OffsetResetPolicy.valueOf(policy.toUpperCase()), scaleToZero, excludePersistent,
                allowIdle, limitToLag, even, threshold);
    }

    private static OptionalLong optional(String value) {
        return value == null || value.isBlank() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value));
    }

    @ParameterizedTest(name = "factors of {0} = [{1}]")
    @CsvSource(delimiter = '|', value = {
        "10|1,2,5,10", "13|1,13", "17|1,17", "25|1,5,25", "50|1,2,5,10,25,50", "100|1,2,4,5,10,20,25,50,100",
        "1|1", "0|"})
    void findsFactorsAsKedaDoes(long n, String expected) {
        List<Long> factors = expected == null ? List.of() : Stream.of(expected.split(",")).map(Long::valueOf).toList();
        assertThat(LagMath.factors(n)).isEqualTo(factors);
    }

    @ParameterizedTest(name = "lag {0} over 100 partitions at threshold 10 -> {1} replicas")
    @CsvSource({"10, 1", "20, 2", "40, 4", "50, 5", "99, 10", "100, 10", "101, 20", "0, 1", "5000, 100"})
    void picksTheNextFactorThatBalancesPartitions(long lag, long factor) {
        assertThat(LagMath.nextFactor(lag, 100, 10)).isEqualTo(factor);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // case | committed | latest | previous | policy | scaleToZero | excludePersistent | lag | lagWithPersistent
        "KEDA: invalid, earliest, scaleToZero, partition missing | -1 | - | - | earliest | true | false | 0 | 0",
        "KEDA: invalid, earliest, partition missing | -1 | - | - | earliest | false | false | 0 | 0",
        "KEDA: committed 100, partition missing | 100 | - | - | latest | false | false | 0 | 0",
        "KEDA: committed 100, latest 150 | 100 | 150 | - | latest | false | false | 50 | 50",
        "KEDA: invalid, latest, scaleToZero | -1 | 150 | - | latest | true | false | 0 | 0",
        "invalid, latest: counts 1 to wake a consumer | -1 | 150 | - | latest | false | false | 1 | 1",
        "invalid, latest, partition missing still counts 1 | -1 | - | - | latest | false | false | 1 | 1",
        "invalid, earliest: the whole partition | -1 | 150 | - | earliest | false | false | 150 | 150",
        "invalid, earliest, scaleToZero | -1 | 150 | - | earliest | true | false | 0 | 0",
        "persistent lag excluded when offset did not move | 100 | 150 | 100 | latest | false | true | 0 | 50",
        "lag counted when offset moved | 100 | 150 | 90 | latest | false | true | 50 | 50",
        "lag counted on first poll | 100 | 150 | - | latest | false | true | 50 | 50",
        "persistent lag counted without the flag | 100 | 150 | 100 | latest | false | false | 50 | 50",
        "caught up | 150 | 150 | - | latest | false | false | 0 | 0"})
    void computesPartitionLagInKedaOrder(String name, long committed, String latest, String previous, String policy,
            boolean scaleToZero, boolean excludePersistent, long lag, long lagWithPersistent) {
        PartitionOffsets offsets = new PartitionOffsets(TP, committed, optional(latest), optional(previous));
        assertThat(LagMath.partitionLag(offsets, rules(policy, scaleToZero, excludePersistent, false, false, false, 10)))
                .isEqualTo(new PartitionLag(lag, lagWithPersistent));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // case | per-partition lags (committed:latest) | allowIdle | limitToLag | even | threshold | lag | withPersistent | partitionsWithLag
        "sum without caps | 0:10,0:20,0:30 | true | false | false | 10 | 60 | 60 | 3",
        "capped at partitions x threshold | 0:100,0:100,0:100 | false | false | false | 10 | 30 | 300 | 3",
        "below the cap | 0:5,0:5,0:5 | false | false | false | 10 | 15 | 15 | 3",
        "integer division decides the cap | 0:39,0:0,0:0 | false | false | false | 10 | 39 | 39 | 1",
        "limitToPartitionsWithLag caps at partitions with lag | 0:100,10:10,10:10 | false | true | false | 10 | 10 | 100 | 1",
        "even distribution rounds up to a factor | 0:15,0:0,0:0,0:0 | false | false | true | 10 | 20 | 15 | 1",
        "even distribution with no lag still reports one factor | 5:5,5:5,5:5,5:5 | false | false | true | 10 | 10 | 0 | 0",
        "even distribution beyond the partitions | 0:100,0:100,0:100,0:100 | false | false | true | 10 | 40 | 400 | 4",
        "allowIdle with even distribution still caps | 0:100,0:100,0:100,0:100 | true | false | true | 10 | 40 | 400 | 4",
        "no partitions | | false | false | false | 10 | 0 | 0 | 0"})
    void totalsAndCapsAsKedaDoes(String name, String partitions, boolean allowIdle, boolean limitToLag, boolean even,
            long threshold, long lag, long withPersistent, long partitionsWithLag) {
        List<PartitionOffsets> offsets = new ArrayList<>();
        if (partitions != null) {
            String[] pairs = partitions.split(",");
            for (int i = 0; i < pairs.length; i++) {
                String[] pair = pairs[i].split(":");
                offsets.add(new PartitionOffsets(new TopicPartition("t", i), Long.parseLong(pair[0]),
                        OptionalLong.of(Long.parseLong(pair[1])), OptionalLong.empty()));
            }
        }
        TotalLag total = LagMath.totalLag(offsets, rules("latest", false, false, allowIdle, limitToLag, even, threshold));
        assertThat(total.lag()).as("metric lag").isEqualTo(lag);
        assertThat(total.lagWithPersistent()).as("activation lag, uncapped").isEqualTo(withPersistent);
        assertThat(total.partitionsWithLag()).isEqualTo(partitionsWithLag);
        assertThat(total.partitions()).isEqualTo(offsets.size());
    }

    @ParameterizedTest(name = "partitions missing from the end-offset answer are not counted")
    @CsvSource("true")
    void partitionsWithoutEndOffsetAreLeftOutOfTheTotals(boolean ignored) {
        List<PartitionOffsets> offsets = List.of(
                new PartitionOffsets(new TopicPartition("t", 0), 0, OptionalLong.of(100), OptionalLong.empty()),
                new PartitionOffsets(new TopicPartition("t", 1), 0, OptionalLong.empty(), OptionalLong.empty()));
        TotalLag total = LagMath.totalLag(offsets, rules("latest", false, false, false, false, false, 10));
        assertThat(total).isEqualTo(new TotalLag(10, 100, 1, 1));
    }
}
