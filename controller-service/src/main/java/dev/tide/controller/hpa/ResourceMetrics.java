package dev.tide.controller.hpa;

import dev.tide.keda.api.ScaleTrigger;
import dev.tide.keda.api.ScaledObjectSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTargetBuilder;
import java.util.List;

/**
 * The {@code cpu} and {@code memory} triggers of a ScaledObject as the HPA's metrics, as KEDA's {@code cpuMemoryScaler}
 * writes them: a {@code Resource} metric, or a {@code ContainerResource} one when {@code containerName} is set, with the
 * trigger's {@code metricType}: {@code Utilization} (a whole percentage) or {@code AverageValue} (a quantity). The HPA
 * reads their values from the metrics server; nothing in Tide polls them. The triggers were checked before (the
 * cpu/memory plugin's {@code validate}, run by the validator).
 */
public final class ResourceMetrics {

    static final String RESOURCE = "Resource";
    static final String CONTAINER_RESOURCE = "ContainerResource";

    private ResourceMetrics() {
    }

    /** One metric per cpu/memory trigger, in trigger order. */
    static List<MetricSpec> of(ScaledObjectSpec spec) {
        return spec.triggers().stream().filter(t -> t != null && t.cpuOrMemory()).map(ResourceMetrics::metric).toList();
    }

    /** KEDA's {@code status.resourceMetricNames}: the {@code Resource} metrics' names ({@code ContainerResource} ones are not listed). */
    public static List<String> names(ScaledObjectSpec spec) {
        return spec.triggers().stream()
                .filter(t -> t != null && t.cpuOrMemory() && containerName(t) == null)
                .map(ScaleTrigger::type)
                .toList();
    }

    private static MetricSpec metric(ScaleTrigger trigger) {
        String value = trigger.metadata().getOrDefault("value", "").trim();
        MetricTargetBuilder target = new MetricTargetBuilder().withType(trigger.metricType().name());
        if (trigger.metricType() == ScaleTrigger.MetricType.Utilization) {
            target.withAverageUtilization(Integer.valueOf(value));
        } else {
            target.withAverageValue(new Quantity(value));
        }
        MetricTarget built = target.build();
        String container = containerName(trigger);
        if (container != null) {
            return new MetricSpecBuilder().withType(CONTAINER_RESOURCE).withNewContainerResource()
                    .withName(trigger.type()).withContainer(container).withTarget(built).endContainerResource().build();
        }
        return new MetricSpecBuilder().withType(RESOURCE).withNewResource()
                .withName(trigger.type()).withTarget(built).endResource().build();
    }

    private static String containerName(ScaleTrigger trigger) {
        String container = trigger.metadata().get("containerName");
        return container == null || container.isBlank() ? null : container.trim();
    }
}
