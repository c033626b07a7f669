package dev.tide.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.replicas.HpaBehavior;
import dev.tide.replicas.HpaHistory;
import dev.tide.replicas.HpaReplicaCalculator;
import dev.tide.replicas.HpaSync;
import dev.tide.replicas.MetricReading;
import dev.tide.replicas.ReplicaBounds;
import dev.tide.replicas.ReplicaProposal;
import dev.tide.replicas.ScaleTargetState;
import dev.tide.replicas.Tolerance;
import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceMetricTest {

    /** The sandbox's container: requests 100m of cpu and 128Mi of memory. */
    private static final List<Container> WORKER = List.of(new ContainerBuilder().withName(Settings.CONTAINER)
            .withResources(UsageModel.requests()).build());

    /**
     * Kubernetes' numbers for a Resource metric: Utilization is a whole percentage of the requests, rounded down, over
     * the target; AverageValue the pods' average over the target; the HPA asks for ceil(ratio x replicas).
     */
    @ParameterizedTest(name = "{0} {1}, pods {2}: {4}")
    @CsvSource(delimiter = '|', textBlock = """
            # target type | target | pods' cpu (- not ready) | status.replicas | replicas | detail
            Utilization   | 50     | 95m                     | 1               | 2        | usage ratio 1.9000 outside [0.9, 1.1]: ceil(95m / 50m) = 2
            Utilization   | 50     | 95m,95m,95m             | 3               | 6        | usage ratio 1.9000 outside [0.9, 1.1]: ceil(285m / 50m) = 6
            Utilization   | 50     | 75m,76m                 | 2               | 3        | usage ratio 1.5000 outside [0.9, 1.1]: ceil(150m / 50m) = 3
            Utilization   | 50     | 52m,53m                 | 2               | 2        | usage ratio 1.0400 within [0.9, 1.1]: keep 2
            Utilization   | 50     | 5m,5m,5m,5m,5m,5m       | 6               | 1        | usage ratio 0.1000 outside [0.9, 1.1]: ceil(30m / 50m) = 1
            Utilization   | 50     | 95m,95m,-               | 3               | 6        | usage ratio 1.9000 outside [0.9, 1.1]: ceil(285m / 50m) = 6
            Utilization   | 80     | 30m,31m                 | 2               | 1        | usage ratio 0.3750 outside [0.9, 1.1]: ceil(60m / 80m) = 1
            AverageValue  | 40m    | 95m,96m                 | 2               | 5        | usage ratio 2.3750 outside [0.9, 1.1]: ceil(190m / 40m) = 5
            AverageValue  | 100m   | 95m,96m                 | 2               | 2        | usage ratio 0.9500 within [0.9, 1.1]: keep 2
            """)
    void readsCpuAsTheHpaDoesUtilizationRoundedDownToAWholePercent(String type, String target, String cpus,
            int statusReplicas, int replicas, String detail) {
        ResourceMetric metric = ResourceMetric.of(new MetricSpecBuilder().withType("Resource").withNewResource()
                .withName("cpu").withNewTarget().withType(type)
                .withAverageUtilization(type.equals("Utilization") ? Integer.valueOf(target) : null)
                .withAverageValue(type.equals("AverageValue") ? new Quantity(target) : null)
                .endTarget().endResource().build()).orElseThrow();

        ReplicaProposal proposal = HpaReplicaCalculator.proposal(metric.read(pods(cpus), WORKER, statusReplicas),
                ScaleTargetState.steady(statusReplicas), Tolerance.DEFAULT);

        assertThat(proposal.metricName()).isEqualTo("cpu");
        assertThat(proposal.replicas()).isEqualTo(replicas);
        assertThat(proposal.detail()).isEqualTo(detail);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                         | metric                   | pods' cpu | error
            no pods                        | Resource cpu             | ''        | failed to get cpu utilization: no pods returned by selector while calculating replica count
            no pod ready                   | Resource cpu             | -,-       | failed to get cpu utilization: did not receive metrics for targeted pods (pods might be unready)
            another container              | ContainerResource cpu    | 50m       | failed to get cpu utilization: unable to get metrics for resource cpu: failed to get container metrics: container sidecar not present in metrics for pod default/orders-worker-1
            a resource no pod reports      | Resource ephemeral-storage | 50m     | failed to get ephemeral-storage utilization: unable to get metrics for resource ephemeral-storage: no metrics returned
            """)
    void aMetricThatCannotBeReadIsInvalidWithKubernetesMessage(String name, String metric, String cpus, String error) {
        String[] typeAndResource = metric.split(" ");
        MetricSpecBuilder spec = new MetricSpecBuilder().withType(typeAndResource[0]);
        if (typeAndResource[0].equals("Resource")) {
            spec.withNewResource().withName(typeAndResource[1]).withNewTarget().withType("Utilization")
                    .withAverageUtilization(50).endTarget().endResource();
        } else {
            spec.withNewContainerResource().withName(typeAndResource[1]).withContainer("sidecar").withNewTarget()
                    .withType("Utilization").withAverageUtilization(50).endTarget().endContainerResource();
        }

        MetricReading reading = ResourceMetric.of(spec.build()).orElseThrow().read(pods(cpus), WORKER, 1);

        assertThat(reading).isInstanceOfSatisfying(MetricReading.Failed.class,
                failed -> assertThat(failed.error()).isEqualTo(error));
    }

    @Test
    void aUtilizationTargetNeedsARequestInTheContainer() {
        MetricReading reading = utilization("cpu", Optional.empty(), 50)
                .read(pods("50m"), List.of(new ContainerBuilder().withName(Settings.CONTAINER).build()), 1);

        assertThat(reading).isInstanceOfSatisfying(MetricReading.Failed.class, failed -> assertThat(failed.error())
                .isEqualTo("failed to get cpu utilization: missing request for cpu in container worker of Pod orders-worker-1"));
    }

    @Test
    void aContainerResourceMetricReadsTheNamedContainerAndIsNamedAfterIt() {
        ResourceMetric metric = ResourceMetric.of(new MetricSpecBuilder().withType("ContainerResource")
                .withNewContainerResource().withName("cpu").withContainer(Settings.CONTAINER).withNewTarget()
                .withType("Utilization").withAverageUtilization(50).endTarget().endContainerResource().build())
                .orElseThrow();

        assertThat(metric.name()).isEqualTo("cpu (worker)");
        assertThat(ResourceMetric.isCpu(metric.name())).isTrue();
        assertThat(metric.read(pods("95m,95m"), WORKER, 2)).isEqualTo(MetricReading.sampled(
                new MetricSpec("cpu (worker)", MetricTargetType.AVERAGE_VALUE, MilliValue.parse("50m")),
                MilliValue.parse("190m")));
    }

    @Test
    void memoryIsAConstantHalfOfItsRequest() {
        MetricReading reading = utilization("memory", Optional.empty(), 50).read(pods("95m,5m"), WORKER, 2);

        assertThat(HpaReplicaCalculator.proposal(reading, ScaleTargetState.steady(2), Tolerance.DEFAULT).detail())
                .isEqualTo("usage ratio 1.0000 within [0.9, 1.1]: keep 2");
    }

    @Test
    void anExternalMetricIsNotAResourceMetric() {
        assertThat(ResourceMetric.of(new MetricSpecBuilder().withType("External").withNewExternal().withNewMetric()
                .withName("s0-kafka-orders").endMetric().endExternal().build())).isEmpty();
        assertThat(ResourceMetric.isCpu("s0-kafka-orders")).isFalse();
    }

    @Test
    void theHpaTakesCpuWhenItAsksForMoreThanTheLag() {
        MetricReading lag = MetricReading.sampled(new MetricSpec("s0-kafka-orders", MetricTargetType.AVERAGE_VALUE,
                MilliValue.ofWhole(1000)), MilliValue.ofWhole(600));
        MetricReading cpu = utilization("cpu", Optional.empty(), 50).read(pods("95m,95m"), WORKER, 2);

        HpaSync.Decision decision = HpaSync.decide(List.of(lag, cpu), ScaleTargetState.steady(2),
                new ReplicaBounds(1, 6), HpaBehavior.DEFAULT, Tolerance.DEFAULT, HpaHistory.EMPTY, Instant.EPOCH);

        assertThat(decision.desiredReplicas()).isEqualTo(4);
        assertThat(decision.message()).isEqualTo("cpu: usage ratio 1.9000 outside [0.9, 1.1]: ceil(190m / 50m) = 4");
    }

    @Test
    void theTimelineShowsTheReportingPodsCpuOverTheirRequests() {
        assertThat(ResourceMetric.cpuUtilization(pods("95m,96m,-"), MilliValue.parse("100m"))).hasValue(95);
        assertThat(ResourceMetric.cpuUtilization(pods("-"), MilliValue.parse("100m"))).isEqualTo(OptionalInt.empty());
    }

    private static ResourceMetric utilization(String resource, Optional<String> container, int percent) {
        return new ResourceMetric(resource, container, new ResourceMetric.Utilization(percent));
    }

    /** Pods orders-worker-1, -2, ... with the given cpu each and 64Mi of memory; "-" is a pod not ready yet. */
    private static List<PodUsage> pods(String cpus) {
        List<PodUsage> pods = new ArrayList<>();
        if (cpus.isEmpty()) {
            return pods;
        }
        for (String cpu : cpus.split(",")) {
            pods.add(new PodUsage(Settings.DEPLOYMENT + "-" + (pods.size() + 1), cpu.equals("-") ? Optional.empty()
                    : Optional.of(new PodUsage.ContainerUsage(Settings.CONTAINER, MilliValue.parse(cpu),
                            MilliValue.parse(UsageModel.MEMORY_USAGE)))));
        }
        return pods;
    }
}
