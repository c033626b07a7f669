package dev.tide.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.scaler.api.TriggerConfig;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which Kafka triggers the host treats as one source: one broker and one credential, whatever the topic. */
class KafkaConnectionKeyTest {

    static TriggerConfig trigger(Map<String, String> metadata, Map<String, String> auth) {
        return TriggerConfig.builder("kafka").metadata(metadata).authParams(auth).build();
    }

    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of("two topics on one broker share a connection",
                        trigger(Map.of("bootstrapServers", "b:9092", "topic", "a"), Map.of()),
                        trigger(Map.of("bootstrapServers", "b:9092", "topic", "b"), Map.of()), true),
                Arguments.of("two consumer groups on one broker share a connection",
                        trigger(Map.of("bootstrapServers", "b:9092", "consumerGroup", "g1"), Map.of()),
                        trigger(Map.of("bootstrapServers", "b:9092", "consumerGroup", "g2"), Map.of()), true),
                Arguments.of("another broker is another connection",
                        trigger(Map.of("bootstrapServers", "b:9092", "topic", "a"), Map.of()),
                        trigger(Map.of("bootstrapServers", "c:9092", "topic", "a"), Map.of()), false),
                Arguments.of("another credential is another connection",
                        trigger(Map.of("bootstrapServers", "b:9092"), Map.of("password", "x")),
                        trigger(Map.of("bootstrapServers", "b:9092"), Map.of("password", "y")), false),
                Arguments.of("another SASL mode is another connection",
                        trigger(Map.of("bootstrapServers", "b:9092", "sasl", "plaintext"), Map.of()),
                        trigger(Map.of("bootstrapServers", "b:9092", "sasl", "scram_sha256"), Map.of()), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void triggersShareAConnectionOnlyWhenTheyReachTheSameBrokerWithTheSameCredential(String name, TriggerConfig a,
            TriggerConfig b, boolean same) {
        KafkaScalerFactory factory = new KafkaScalerFactory();

        assertThat(factory.connectionKey(a).equals(factory.connectionKey(b))).isEqualTo(same);
        assertThat(factory.connectionKey(a).id()).startsWith("kafka-").doesNotContain("x", "password");
    }
}
