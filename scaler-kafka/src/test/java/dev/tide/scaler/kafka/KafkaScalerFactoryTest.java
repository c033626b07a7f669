package dev.tide.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerConfig;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class KafkaScalerFactoryTest {

    private static final Map<String, String> METADATA = Map.of("bootstrapServers", "localhost:1",
            "consumerGroup", "g", "topic", "t");

    @Test
    void isFoundByServiceLoaderAsTypeKafka() {
        assertThat(ServiceLoader.load(ScalerFactory.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(factory -> {
                    assertThat(factory.type()).isEqualTo("kafka");
                    assertThat(factory.parameterTypes()).contains(KafkaTriggerParams.class, KafkaSecurityParams.class);
                });
    }

    @Test
    void reportsMetadataAndSecurityProblemsTogether() {
        TriggerConfig config = TriggerConfig.builder("kafka").triggerIndex(1)
                .metadata(Map.of("bootstrapServers", "b:1", "lagThreshold", "0", "sasl", "gssapi")).build();
        assertThatThrownBy(() -> new KafkaScalerFactory().create(config))
                .isInstanceOf(ScalerConfigException.class)
                .hasMessageStartingWith("trigger[1] (kafka): ")
                .hasMessageContaining("missing required parameter \"consumerGroup\"")
                .hasMessageContaining("lagThreshold")
                .hasMessageContaining("gssapi (Kerberos) is not supported");
    }

    @Test
    void sharesOneClientPerClusterAndClosesItWithTheLastTrigger() {
        KafkaScalerFactory factory = new KafkaScalerFactory();
        Scaler first = factory.create(TriggerConfig.of("kafka", 0, METADATA));
        Scaler second = factory.create(TriggerConfig.of("kafka", 1, Map.of("bootstrapServers", "localhost:1",
                "consumerGroup", "other")));
        Scaler elsewhere = factory.create(TriggerConfig.of("kafka", 0, Map.of("bootstrapServers", "localhost:2",
                "consumerGroup", "g")));
        assertThat(factory.openClusters()).isEqualTo(2);
        first.close();
        first.close();
        assertThat(factory.openClusters()).isEqualTo(2);
        second.close();
        elsewhere.close();
        assertThat(factory.openClusters()).isZero();
    }
}
