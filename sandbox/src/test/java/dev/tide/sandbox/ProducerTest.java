package dev.tide.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ProducerTest {

    @Test
    void splitsTheMessagesByTheTopicsSharesInAFixedCycleAndEachTopicsRoundRobinOverItsPartitions() {
        List<String> destinations = LongStream.range(0, 10)
                .mapToObj(n -> Producer.destinationOf(ScenarioKind.MODIFIERS.topics(), 2, n))
                .map(d -> d.topic() + "-" + d.partition()).toList();

        assertThat(destinations).containsExactly("orders-0", "orders-1", "orders-0", "returns-0", "returns-1",
                "orders-1", "orders-0", "orders-1", "returns-0", "returns-1");
    }

    @Test
    void sendsEverythingToTheOnlyTopicOfTheDefaultScenarioInTurnToEachPartition() {
        assertThat(LongStream.range(0, 7).mapToObj(n -> Producer.destinationOf(ScenarioKind.SCALE.topics(), 3, n)))
                .extracting(Producer.Destination::partition).containsExactly(0, 1, 2, 0, 1, 2, 0);
        assertThat(LongStream.range(0, 7).mapToObj(n -> Producer.destinationOf(ScenarioKind.SCALE.topics(), 3, n)))
                .extracting(Producer.Destination::topic).containsOnly("orders");
    }
}
