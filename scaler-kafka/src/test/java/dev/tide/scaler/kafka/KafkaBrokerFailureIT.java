package dev.tide.scaler.kafka;

import static dev.tide.scaler.kafka.EmbeddedKafka.offsets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.TriggerConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What cannot be read is an error, never lag 0 (KEDA #4098). This class owns its broker because one test stops it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaBrokerFailureIT {

    private static EmbeddedKafka kafka;
    private static final KafkaScalerFactory FACTORY = new KafkaScalerFactory();

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = new EmbeddedKafka();
        kafka.createTopic("events", 2);
        kafka.produce("events", 3, 4);
        kafka.commit("events-g", offsets("events", 1, 1));
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    private static Scaler scaler(String... pairs) {
        Map<String, String> metadata = new java.util.HashMap<>(Map.of("bootstrapServers", kafka.bootstrapServers()));
        for (int i = 0; i < pairs.length; i += 2) {
            metadata.put(pairs[i], pairs[i + 1]);
        }
        return FACTORY.create(TriggerConfig.builder("kafka").triggerIndex(2).metadata(metadata)
                .timeout(Duration.ofSeconds(1)).build());
    }

    @Test
    void aMissingTopicIsAnErrorNotZero() {
        try (Scaler scaler = scaler("consumerGroup", "events-g", "topic", "no-such-topic")) {
            assertThatThrownBy(() -> scaler.sample(scaler.metricSpecs().get(0).metricName()))
                    .isInstanceOf(ScalerException.class)
                    .hasMessageStartingWith("trigger[2] (kafka): could not describe topic \"no-such-topic\"");
        }
    }

    @Test
    void oneTriggersFailureInASharedRoundLeavesTheOthersAnswered() {
        KafkaScalerFactory lingering = new KafkaScalerFactory(new KafkaClusters.Settings(Duration.ofMillis(300),
                Duration.ofSeconds(30), java.time.Clock.systemUTC()));
        Map<String, String> good = Map.of("bootstrapServers", kafka.bootstrapServers(), "consumerGroup", "events-g",
                "topic", "events");
        Map<String, String> bad = Map.of("bootstrapServers", kafka.bootstrapServers(), "consumerGroup", "events-g",
                "topic", "missing-topic");
        try (Scaler goodScaler = lingering.create(TriggerConfig.of("kafka", 0, good));
                Scaler badScaler = lingering.create(TriggerConfig.of("kafka", 1, bad))) {
            var goodSample = CompletableFuture.supplyAsync(
                    () -> goodScaler.sample(goodScaler.metricSpecs().get(0).metricName()));
            var badSample = CompletableFuture.supplyAsync(
                    () -> badScaler.sample(badScaler.metricSpecs().get(0).metricName()));
            assertThat(goodSample.join().values().get(0).value().toDouble()).isEqualTo(5.0);
            assertThatThrownBy(badSample::join).hasCauseInstanceOf(ScalerException.class)
                    .hasMessageContaining("could not describe topic \"missing-topic\"");
            assertThat(((KafkaScaler) goodScaler).cluster().rounds()).isEqualTo(1);
        }
    }

    @Test
    void aTopicLessTriggerForAGroupWithoutCommitsIsAnErrorNotZero() {
        try (Scaler scaler = scaler("consumerGroup", "never-committed")) {
            assertThatThrownBy(() -> scaler.sample(scaler.metricSpecs().get(0).metricName()))
                    .isInstanceOf(ScalerException.class)
                    .hasMessageContaining("consumer group \"never-committed\" has no committed offsets");
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void aBrokerStoppedMidTestIsAnErrorNotZero() {
        try (Scaler scaler = scaler("consumerGroup", "events-g", "topic", "events")) {
            String metric = scaler.metricSpecs().get(0).metricName();
            assertThat(scaler.sample(metric).values().get(0).value().toDouble()).isEqualTo(5.0);
            kafka.stop();
            // The partitions are cached; the offsets are not: the next poll must fail, not report 0.
            assertThatThrownBy(() -> scaler.sample(metric))
                    .isInstanceOf(ScalerException.class)
                    .hasMessageStartingWith("trigger[2] (kafka): ")
                    .hasMessageContaining("consumer group \"events-g\"");
        }
    }
}
