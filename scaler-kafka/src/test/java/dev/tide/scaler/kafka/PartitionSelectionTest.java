package dev.tide.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.ScalerException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** KEDA's {@code TestGetTopicPartitions}: which of a topic's partitions a limitation keeps. */
class PartitionSelectionTest {

    private static List<Integer> ints(String csv) {
        return csv == null ? List.of() : Stream.of(csv.split(",")).map(Integer::valueOf).toList();
    }

    @ParameterizedTest(name = "limitation [{0}] on partitions [{1}] -> [{2}]")
    @CsvSource(delimiter = '|', value = {
        "1,2|1,2|1,2",
        "1,2,3|1,2,3,4,5,6|1,2,3",
        "|1,2,3,4,5,6|1,2,3,4,5,6",
        "3,9|1,2,3|3"})
    void keepsTheLimitedPartitions(String limitation, String available, String expected) {
        assertThat(PartitionSelection.select("my-topic", ints(available), ints(limitation))).isEqualTo(ints(expected));
    }

    @ParameterizedTest(name = "limitation [{0}] on partitions [{1}] leaves nothing")
    @CsvSource(delimiter = '|', value = {"7,8|1,2,3", "1|"})
    void refusesATopicWithoutActivePartitions(String limitation, String available) {
        assertThatThrownBy(() -> PartitionSelection.select("my-topic", ints(available), ints(limitation)))
                .isInstanceOf(ScalerException.class)
                .hasMessage("expected at least one active partition within the topic 'my-topic'");
    }
}
