package dev.tide.scaler.azurequeue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.scaler.api.TriggerConfig;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which azure-queue triggers the host treats as one source: one storage account and one credential. */
class AzureQueueConnectionKeyTest {

    static TriggerConfig trigger(Map<String, String> metadata, Map<String, String> auth) {
        return TriggerConfig.builder("azure-queue").metadata(metadata).authParams(auth).build();
    }

    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of("two queues of one account share a connection",
                        trigger(Map.of("accountName", "acct", "queueName", "a"), Map.of()),
                        trigger(Map.of("accountName", "acct", "queueName", "b"), Map.of()), true),
                Arguments.of("another account is another connection",
                        trigger(Map.of("accountName", "acct", "queueName", "a"), Map.of()),
                        trigger(Map.of("accountName", "other", "queueName", "a"), Map.of()), false),
                Arguments.of("another connection string is another connection",
                        trigger(Map.of("queueName", "a"), Map.of("connection", "k1")),
                        trigger(Map.of("queueName", "a"), Map.of("connection", "k2")), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void triggersShareAConnectionOnlyWhenTheyReachTheSameAccountWithTheSameCredential(String name, TriggerConfig a,
            TriggerConfig b, boolean same) {
        AzureQueueScalerFactory factory = new AzureQueueScalerFactory();

        assertThat(factory.connectionKey(a).equals(factory.connectionKey(b))).isEqualTo(same);
        assertThat(factory.connectionKey(a).toString()).doesNotContain("k1", "acct");
    }
}
