package dev.tide.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.params.ParameterBinder;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
                .hasMessageContaining("no realm given");
    }

    @ParameterizedTest(name = "metricType {0} -> HPA target type {1}")
    @CsvSource(nullValues = "ABSENT", value = {"ABSENT, AVERAGE_VALUE", "AVERAGE_VALUE, AVERAGE_VALUE", "VALUE, VALUE"})
    void theTriggersMetricTypeIsHonouredAsKedaHonoursIt(MetricTargetType metricType, MetricTargetType expected) {
        TriggerConfig config = TriggerConfig.builder("kafka").metadata(METADATA).metricType(metricType).build();
        try (Scaler scaler = new KafkaScalerFactory().create(config)) {
            assertThat(scaler.metricSpecs()).singleElement().satisfies(spec -> {
                assertThat(spec.targetType()).isEqualTo(expected);
                assertThat(spec.target().toQuantity()).isEqualTo("10");
            });
        }
    }

    @Test
    void anUnreachableClusterIsAnErrorNotZero() {
        TriggerConfig config = TriggerConfig.builder("kafka").metadata(METADATA).timeout(Duration.ofMillis(500))
                .build();
        try (Scaler scaler = new KafkaScalerFactory().create(config)) {
            assertThatThrownBy(() -> scaler.sample(scaler.metricSpecs().get(0).metricName()))
                    .isInstanceOf(ScalerException.class)
                    .hasMessageStartingWith("trigger[0] (kafka): could not read the committed offsets of consumer"
                            + " group \"g\" from localhost:1");
        }
    }

    @ParameterizedTest(name = "allowed urls \"{0}\" -> refused {1}")
    @CsvSource(delimiter = '|', value = {"|true", "https://other/token|true", "https://idp/token|false",
        "https://a/t, https://idp/token|false"})
    void saysAtCreationWhenKafkaWouldRefuseTheOAuthTokenEndpoint(String allowed, boolean refused) {
        KafkaSecurityParams security = ParameterBinder.bind(TriggerConfig.builder("kafka").metadata(METADATA)
                .authParams(Map.of("sasl", "oauthbearer", "username", "id", "password", "secret",
                        "oauthTokenEndpointUri", "https://idp/token")).build(), KafkaSecurityParams.class);
        assertThat(ClientProperties.oauthEndpointRefusal(security, allowed == null ? "" : allowed).isPresent())
                .isEqualTo(refused);
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
