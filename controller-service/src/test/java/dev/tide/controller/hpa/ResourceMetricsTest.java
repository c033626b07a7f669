package dev.tide.controller.hpa;

import static dev.tide.controller.TestObjects.scaledObject;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.keda.api.GroupVersionKindResource;
import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** cpu and memory triggers in the HPA, as KEDA's cpuMemoryScaler and hpa.go write them. */
class ResourceMetricsTest {

    private static final GroupVersionKindResource DEPLOYMENT = new GroupVersionKindResource("apps", "v1", "Deployment", "deployments");
    private static final MetricSpec KAFKA = new MetricSpec("s1-kafka-orders", MetricTargetType.AVERAGE_VALUE, MilliValue.ofWhole(5));
    private static final String TRIGGERS = """
            , "triggers": [
                {"type": "cpu", "metricType": "Utilization", "metadata": {"value": "60"}},
                {"type": "kafka", "metadata": {"topic": "orders"}},
                {"type": "memory", "metricType": "AverageValue", "metadata": {"value": "512Mi", "containerName": "worker"}}]""";

    @Test
    void cpuAndMemoryBecomeResourceMetricsSortedByTypeAsKedaSortsThem() {
        var hpa = HpaBuilder.build(scaledObject("", TRIGGERS), DEPLOYMENT, List.of(KAFKA), "1.0");

        var metrics = hpa.getSpec().getMetrics();
        assertThat(metrics).extracting(m -> m.getType()).containsExactly("ContainerResource", "External", "Resource");
        assertThat(metrics.get(0).getContainerResource()).satisfies(memory -> {
            assertThat(memory.getName()).isEqualTo("memory");
            assertThat(memory.getContainer()).isEqualTo("worker");
            assertThat(memory.getTarget().getType()).isEqualTo("AverageValue");
            assertThat(memory.getTarget().getAverageValue().toString()).isEqualTo("512Mi");
        });
        assertThat(metrics.get(1).getExternal().getMetric().getName()).isEqualTo("s1-kafka-orders");
        assertThat(metrics.get(2).getResource()).satisfies(cpu -> {
            assertThat(cpu.getName()).isEqualTo("cpu");
            assertThat(cpu.getTarget().getType()).isEqualTo("Utilization");
            assertThat(cpu.getTarget().getAverageUtilization()).isEqualTo(60);
            assertThat(cpu.getTarget().getAverageValue()).isNull();
        });
    }

    @Test
    void onlyResourceMetricsAreNamedInTheStatusAsKedaNamesThem() {
        assertThat(ResourceMetrics.names(scaledObject("", TRIGGERS).getSpec())).containsExactly("cpu");
    }

    @Test
    void aScaledObjectOfCpuAloneGetsAnHpaWithoutAnyScaler() {
        var so = scaledObject("", ", \"triggers\": [{\"type\": \"cpu\", \"metricType\": \"Utilization\", \"metadata\": {\"value\": \"50\"}}]");

        var hpa = HpaBuilder.build(so, DEPLOYMENT, List.of(), "1.0");

        assertThat(hpa.getSpec().getMetrics()).singleElement().satisfies(m -> assertThat(m.getResource().getName()).isEqualTo("cpu"));
    }

    @Test
    void withScalingModifiersTheResourceMetricsStayBeforeTheCompositeMetric() {
        var so = scaledObject("", TRIGGERS.replace("\"type\": \"kafka\"", "\"type\": \"kafka\", \"name\": \"lag\"")
                + ", \"advanced\": {\"scalingModifiers\": {\"formula\": \"lag * 2\", \"target\": \"10\"}}");

        var hpa = HpaBuilder.build(so, DEPLOYMENT, List.of(KAFKA), "1.0");

        assertThat(hpa.getSpec().getMetrics()).extracting(m -> m.getType() + ":" + (m.getExternal() == null ? "" : m.getExternal().getMetric().getName()))
                .containsExactly("Resource:", "ContainerResource:", "External:composite-metric");
    }
}
