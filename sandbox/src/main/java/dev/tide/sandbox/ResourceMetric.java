package dev.tide.sandbox;

import dev.tide.replicas.MetricReading;
import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An HPA's {@code Resource} or {@code ContainerResource} metric ({@code cpu}, {@code memory}), read as
 * kube-controller-manager reads it from the pods' usage ({@code GetResourceReplicas} for {@code Utilization},
 * {@code GetRawResourceReplicas} for {@code AverageValue}, in {@code replica_calculator.go}), and handed to
 * {@code HpaSync} as an {@code AverageValue} reading with the same usage ratio.
 *
 * <p>Only pods that report usage count. For {@code Utilization} the utilization is Kubernetes' whole percentage,
 * {@code sum(usage) × 100 / sum(requests)} rounded down, and the ratio is utilization / target; {@code AverageValue}
 * compares the pods' average usage (rounded down to a milli unit) with the target. The reading's per-pod target is
 * {@code request × target % / 100} for {@code Utilization} (50 % of 100m is 50m) and its value the per-pod usage
 * times {@code status.replicas}, so that {@code HpaSync} computes {@code ceil(ratio × status.replicas)}. Kubernetes
 * multiplies by the pods that reported; the two differ only while a pod is starting. Not done: Kubernetes' cpu
 * initialization period, and its treatment of pods without metrics (0 % on a scale-up, 100 % on a scale-down).
 *
 * @param resource {@code cpu} or {@code memory}
 * @param container the container of a {@code ContainerResource} metric; empty for {@code Resource}
 * @param target the HPA's target
 */
record ResourceMetric(String resource, Optional<String> container, Target target) {

    /** A {@code Resource} or {@code ContainerResource} metric's target. */
    sealed interface Target {
    }

    /** {@code averageUtilization}: a percentage of the pods' requests. */
    record Utilization(int percent) implements Target {
    }

    /** {@code averageValue}: a quantity per pod, in milli units. */
    record AverageValue(MilliValue perPod) implements Target {
    }

    /** The resource metric an HPA lists, or empty for another type. */
    static Optional<ResourceMetric> of(io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec metric) {
        if ("Resource".equals(metric.getType()) && metric.getResource() != null) {
            return Optional.of(new ResourceMetric(metric.getResource().getName(), Optional.empty(),
                    target(metric.getResource().getTarget())));
        }
        if ("ContainerResource".equals(metric.getType()) && metric.getContainerResource() != null) {
            return Optional.of(new ResourceMetric(metric.getContainerResource().getName(),
                    Optional.of(metric.getContainerResource().getContainer()),
                    target(metric.getContainerResource().getTarget())));
        }
        return Optional.empty();
    }

    private static Target target(MetricTarget target) {
        return "Utilization".equals(target.getType()) ? new Utilization(target.getAverageUtilization())
                : new AverageValue(milli(target.getAverageValue()));
    }

    /** How the timeline names it: {@code cpu}, or {@code cpu (worker)} for a container's. */
    String name() {
        return resource + container.map(c -> " (" + c + ")").orElse("");
    }

    /** Whether a metric the HPA loop names (an External metric's name, or {@link #name()}) is about cpu. */
    static boolean isCpu(String metricName) {
        return metricName.equals("cpu") || metricName.startsWith("cpu (");
    }

    /**
     * The reading {@code HpaSync} takes for this metric.
     *
     * @param pods the scale target's pods and their usage
     * @param containers the containers of the target's pod template, for their requests
     * @param statusReplicas the target's {@code status.replicas}, which {@code HpaSync} divides by
     */
    MetricReading read(List<PodUsage> pods, List<Container> containers, int statusReplicas) {
        String failure = "failed to get " + resource + (target instanceof Utilization ? " utilization: " : " usage: ");
        List<MilliValue> usages = new ArrayList<>();
        for (PodUsage pod : pods) {
            if (pod.usage().isEmpty()) {
                continue;
            }
            PodUsage.ContainerUsage usage = pod.usage().get();
            if (container.isPresent() && !container.get().equals(usage.container())) {
                return failed(failure + "unable to get metrics for resource " + resource
                        + ": failed to get container metrics: container " + container.get()
                        + " not present in metrics for pod " + Settings.NAMESPACE + "/" + pod.pod());
            }
            Optional<MilliValue> value = usage.of(resource);
            if (value.isEmpty()) {
                return failed(failure + "unable to get metrics for resource " + resource + ": no metrics returned");
            }
            usages.add(value.get());
        }
        if (pods.isEmpty()) {
            return failed(failure + "no pods returned by selector while calculating replica count");
        }
        if (usages.isEmpty()) {
            return failed(failure + "did not receive metrics for targeted pods (pods might be unready)");
        }
        long total = usages.stream().mapToLong(MilliValue::millis).sum();
        if (target instanceof AverageValue average) {
            return sampled(average.perPod(), total / usages.size(), statusReplicas);
        }
        int percent = ((Utilization) target).percent();
        long request = 0;
        for (Container c : containers) {
            if (container.isEmpty() || container.get().equals(c.getName())) {
                Quantity requested = c.getResources() == null || c.getResources().getRequests() == null ? null
                        : c.getResources().getRequests().get(resource);
                if (requested == null) {
                    return failed(failure + "missing request for " + resource + " in container " + c.getName()
                            + " of Pod " + pods.get(0).pod());
                }
                request += milli(requested).millis();
            }
        }
        if (request == 0) {
            return failed(failure + "no metrics returned matched known pods");
        }
        long utilization = percent(total, request * usages.size());
        return sampled(new MilliValue(request * percent / 100), utilization * request / 100, statusReplicas);
    }

    /**
     * The pods' cpu utilization as the HPA computes it: the reporting pods' usage over their requests, a whole
     * percentage rounded down; empty when no pod reports.
     *
     * @param request each pod's cpu request
     */
    static OptionalInt cpuUtilization(List<PodUsage> pods, MilliValue request) {
        List<MilliValue> usages = pods.stream().flatMap(pod -> pod.usage().stream()).map(PodUsage.ContainerUsage::cpu)
                .toList();
        return usages.isEmpty() || request.millis() == 0 ? OptionalInt.empty() : OptionalInt.of((int) percent(
                usages.stream().mapToLong(MilliValue::millis).sum(), request.millis() * usages.size()));
    }

    private static long percent(long usage, long requests) {
        return usage * 100 / requests;
    }

    private MetricReading sampled(MilliValue perPodTarget, long perPodUsage, int statusReplicas) {
        return MetricReading.sampled(spec(perPodTarget), new MilliValue(perPodUsage * statusReplicas));
    }

    private MetricReading failed(String error) {
        return MetricReading.failed(spec(MilliValue.ZERO), error);
    }

    private MetricSpec spec(MilliValue perPodTarget) {
        return new MetricSpec(name(), MetricTargetType.AVERAGE_VALUE, perPodTarget);
    }

    private static MilliValue milli(Quantity quantity) {
        return MilliValue.parse(quantity.toString());
    }
}
