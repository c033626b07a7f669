package dev.tide.controller.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KedaSeriesNamesTest {

    @ParameterizedTest
    @CsvSource({
            "kafka, kafkaScaler", "apache-kafka, apacheKafkaScaler", "cpu, cpuMemoryScaler", "memory, cpuMemoryScaler",
            "metrics-api, metricsAPIScaler", "azure-queue, azureQueueScaler", "external-push, externalPushScaler",
            "redis-cluster-streams, redisStreamsScaler", "postgresql, postgreSQLScaler", "rabbitmq, rabbitMQScaler",
            // A plugin's type KEDA does not have: lowerCamelCase plus Scaler, as a Go type would be named.
            "tide-test, tideTestScaler", "my_queue, myQueueScaler"})
    void anUnnamedTriggerIsLabelledWithKedasScalerType(String type, String scaler) {
        assertThat(KedaScalerNames.of(type)).isEqualTo(scaler);
    }

    @Test
    void theTwoRegisteredGaugesGetKedasNamesInTheScrapeAndNothingElseIsRenamed() {
        String scrape = """
                # HELP keda_resource_registered Total number of KEDA custom resources
                # TYPE keda_resource_registered gauge
                keda_resource_registered{namespace="shop",type="scaled_object"} 2.0
                # TYPE keda_trigger_registered gauge
                keda_trigger_registered{type="kafka"} 1.0
                keda_resource_registered_other 3.0
                """;
        assertThat(KedaNamesScrapeEndpoint.rename(scrape)).isEqualTo("""
                # HELP keda_resource_registered_total Total number of KEDA custom resources
                # TYPE keda_resource_registered_total gauge
                keda_resource_registered_total{namespace="shop",type="scaled_object"} 2.0
                # TYPE keda_trigger_registered_total gauge
                keda_trigger_registered_total{type="kafka"} 1.0
                keda_resource_registered_other 3.0
                """);
    }

    @Test
    void theJvmsArchitectureIsSpelledAsGoSpellsIt() {
        assertThat(BuildInfo.goArch("x86_64")).isEqualTo("amd64");
        assertThat(BuildInfo.goArch("amd64")).isEqualTo("amd64");
        assertThat(BuildInfo.goArch("aarch64")).isEqualTo("arm64");
        assertThat(BuildInfo.goArch("s390x")).isEqualTo("s390x");
    }
}
