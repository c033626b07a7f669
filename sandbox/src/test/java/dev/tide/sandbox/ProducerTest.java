package dev.tide.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ProducerTest {

    @Test
    void splitsTheMessagesByTheTopicsSharesInAFixedCycle() {
        List<String> topics = LongStream.range(0, 10)
                .mapToObj(n -> Producer.topicOf(ScenarioKind.MODIFIERS.topics(), n)).toList();

        assertThat(topics).containsExactly("orders", "orders", "orders", "returns", "returns",
                "orders", "orders", "orders", "returns", "returns");
    }

    @Test
    void sendsEverythingToTheOnlyTopicOfTheDefaultScenario() {
        assertThat(LongStream.range(0, 7).mapToObj(n -> Producer.topicOf(ScenarioKind.SCALE.topics(), n)))
                .containsOnly("orders");
    }
}
