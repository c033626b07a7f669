package dev.tide.replicas;

import static dev.tide.replicas.Quantities.quantities;
import static dev.tide.replicas.Quantities.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MilliValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Parity checklist against Kubernetes' replica_calculator.go and horizontal.go for External metrics. Quantities
 * are written as Kubernetes writes them ({@code 20}, {@code 2500m}); the state columns are the scale target's
 * spec.replicas, status.replicas, pods matched by the selector and ready pods.
 */
class HpaReplicaCalculatorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                                                  | type         | target | values      | spec | status | matched | ready | replicas | reason
            queue 20, target 5 -> 4 whatever the current count (1 replica)         | AverageValue | 5      | 20          | 1    | 1      | 1       | 1     | 4          | AVERAGE_VALUE
            queue 20, target 5 -> 4 whatever the current count (4 replicas)        | AverageValue | 5      | 20          | 4    | 4      | 4       | 4     | 4          | WITHIN_TOLERANCE
            queue 20, target 5 -> 4 whatever the current count (10 replicas)       | AverageValue | 5      | 20          | 10   | 10     | 10      | 10    | 4          | AVERAGE_VALUE
            queue 0, target 5 -> 0 (the HPA's minReplicas lifts it later)          | AverageValue | 5      | 0           | 3    | 3      | 3       | 3     | 0          | AVERAGE_VALUE
            queue 21, target 5, 4 replicas: ratio 1.05 keeps 4                     | AverageValue | 5      | 21          | 4    | 4      | 4       | 4     | 4          | WITHIN_TOLERANCE
            queue 22, target 5, 4 replicas: ratio exactly 1.1 is within, keeps 4   | AverageValue | 5      | 22          | 4    | 4      | 4       | 4     | 4          | WITHIN_TOLERANCE
            queue 23, target 5, 4 replicas: ratio 1.15 -> 5                        | AverageValue | 5      | 23          | 4    | 4      | 4       | 4     | 5          | AVERAGE_VALUE
            queue 18, target 5, 4 replicas: ratio exactly 0.9 is within, keeps 4   | AverageValue | 5      | 18          | 4    | 4      | 4       | 4     | 4          | WITHIN_TOLERANCE
            queue 17, target 5, 4 replicas: ratio 0.85 is outside yet ceil gives 4 | AverageValue | 5      | 17          | 4    | 4      | 4       | 4     | 4          | AVERAGE_VALUE
            queue 15, target 5, 4 replicas -> 3                                    | AverageValue | 5      | 15          | 4    | 4      | 4       | 4     | 3          | AVERAGE_VALUE
            queue 10, target 3 -> ceil(3.33) = 4                                   | AverageValue | 3      | 10          | 1    | 1      | 1       | 1     | 4          | AVERAGE_VALUE
            values are summed: 3 + 4 + 5, target 2 -> 6                            | AverageValue | 2      | 3 4 5       | 1    | 1      | 1       | 1     | 6          | AVERAGE_VALUE
            milli values: 2500m, target 500m -> 5                                  | AverageValue | 500m   | 2500m       | 1    | 1      | 1       | 1     | 5          | AVERAGE_VALUE
            milli values: 3001m, target 1 -> 4                                     | AverageValue | 1      | 3001m       | 1    | 1      | 1       | 1     | 4          | AVERAGE_VALUE
            milli values: 999m, target 333m -> 3                                   | AverageValue | 333m   | 999m        | 1    | 1      | 1       | 1     | 3          | AVERAGE_VALUE
            divides by status.replicas, not spec: spec 10, status 4 keeps 4        | AverageValue | 5      | 20          | 10   | 4      | 4       | 4     | 4          | WITHIN_TOLERANCE
            ignores ready pods: 2 of 4 ready, queue 20, target 5, status 4 keeps 4 | AverageValue | 5      | 20          | 4    | 4      | 4       | 2     | 4          | WITHIN_TOLERANCE
            status 0 with a queue: infinite ratio -> ceil(10 / 5) = 2              | AverageValue | 5      | 10          | 0    | 0      | 0       | 0     | 2          | AVERAGE_VALUE
            status 0 and queue 0: NaN ratio -> 0                                   | AverageValue | 5      | 0           | 0    | 0      | 0       | 0     | 0          | AVERAGE_VALUE
            Value: sum 20, target 5, 4 ready -> ratio 4 x 4 pods = 16              | Value        | 5      | 20          | 4    | 4      | 4       | 4     | 16         | VALUE_TIMES_READY_PODS
            Value: sum 5.4, target 5: ratio 1.08 keeps 3                           | Value        | 5      | 5400m       | 3    | 3      | 3       | 3     | 3          | WITHIN_TOLERANCE
            Value: sum 2, target 4, 6 ready -> ratio 0.5 x 6 = 3                   | Value        | 4      | 2           | 6    | 6      | 6       | 6     | 3          | VALUE_TIMES_READY_PODS
            Value: uses spec.replicas as current: spec 0, status 3 -> ceil(ratio)  | Value        | 5      | 20          | 0    | 3      | 3       | 3     | 4          | VALUE_FROM_ZERO_REPLICAS
            Value: current 0, sum 20, target 5 -> 4 ignoring pods and tolerance    | Value        | 5      | 20          | 0    | 0      | 0       | 0     | 4          | VALUE_FROM_ZERO_REPLICAS
            Value: current 0, ratio 1.05 still scales from zero to 2               | Value        | 5      | 5250m       | 0    | 0      | 0       | 0     | 2          | VALUE_FROM_ZERO_REPLICAS
            Value: current 0, sum 0 -> 0                                           | Value        | 5      | 0           | 0    | 0      | 0       | 0     | 0          | VALUE_FROM_ZERO_REPLICAS
            Value: spec 3 but only 2 ready -> ceil(2 x 2) = 4                      | Value        | 5      | 10          | 3    | 3      | 3       | 2     | 4          | VALUE_TIMES_READY_PODS
            Value: pods matched but none ready -> 0                                | Value        | 5      | 10          | 3    | 3      | 3       | 0     | 0          | VALUE_TIMES_READY_PODS
            Value: no pods matched is invalid and keeps spec 3                     | Value        | 5      | 10          | 3    | 3      | 0       | 0     | 3          | NO_PODS_MATCHED
            Value: within tolerance needs no pods at all                           | Value        | 5      | 5           | 3    | 3      | 0       | 0     | 3          | WITHIN_TOLERANCE
            Value: float64 ceil, sum 11, target 5, 25 ready -> 56 not 55           | Value        | 5      | 11          | 25   | 25     | 25      | 25    | 56         | VALUE_TIMES_READY_PODS
            Value: float64 ceil, sum 7, target 25, 25 ready -> 8 not 7             | Value        | 25     | 7           | 25   | 25     | 25      | 25    | 8          | VALUE_TIMES_READY_PODS
            Value: fallback-like sum 16666m, target 5, 3 ready -> 10               | Value        | 5      | 16666m      | 3    | 3      | 3       | 3     | 10         | VALUE_TIMES_READY_PODS
            no values returned is invalid and keeps spec                           | AverageValue | 5      | ''          | 2    | 2      | 2       | 2     | 2          | NO_METRIC_VALUES
            a zero target is invalid and keeps spec                                | AverageValue | 0      | 20          | 2    | 2      | 2       | 2     | 2          | INVALID_TARGET
            """)
    void proposesLikeKubernetes(String caseName, String type, String target, String values, int spec, int status,
            int matched, int ready, int expectedReplicas, ReplicaReason expectedReason) {
        MetricReading reading = new MetricReading.Sampled(spec("s0-m", type, target), quantities(values));

        ReplicaProposal proposal = HpaReplicaCalculator.proposal(
                reading, new ScaleTargetState(spec, status, matched, ready), Tolerance.DEFAULT);

        assertThat(proposal.replicas()).as(proposal.detail()).isEqualTo(expectedReplicas);
        assertThat(proposal.reason()).as(proposal.detail()).isEqualTo(expectedReason);
        assertThat(proposal.metricName()).isEqualTo("s0-m");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                                 | down | up   | queue | replicas | expected
            tolerance 0: queue 21, target 5, 4 replicas -> 5        | 0    | 0    | 21    | 4        | 5
            tolerance 0: exact fit keeps 4                          | 0    | 0    | 20    | 4        | 4
            tolerance 0.2: queue 23 (ratio 1.15) keeps 4            | 0.2  | 0.2  | 23    | 4        | 4
            scale-up tolerance 0.5 keeps 4 at ratio 1.45            | 0.1  | 0.5  | 29    | 4        | 4
            scale-down tolerance 0 scales in at ratio 0.95 -> 4     | 0    | 0.1  | 19    | 4        | 4
            scale-down tolerance 0 scales in at ratio 0.7 -> 3      | 0    | 0.1  | 14    | 4        | 3
            """)
    void honoursConfiguredTolerances(String caseName, double down, double up, int queue, int replicas,
            int expected) {
        MetricReading reading = MetricReading.sampled(spec("s0-m", "AverageValue", "5"), MilliValue.ofWhole(queue));

        ReplicaProposal proposal = HpaReplicaCalculator.proposal(
                reading, ScaleTargetState.steady(replicas), new Tolerance(down, up));

        assertThat(proposal.replicas()).as(proposal.detail()).isEqualTo(expected);
    }

    @Test
    void aFailedReadingIsInvalidAndKeepsTheRequestedCount() {
        MetricReading reading = MetricReading.failed(spec("s1-kafka-orders", "AverageValue", "5"), "broker down");

        ReplicaProposal proposal = HpaReplicaCalculator.proposal(
                reading, new ScaleTargetState(3, 2, 2, 2), Tolerance.DEFAULT);

        assertThat(proposal).isEqualTo(new ReplicaProposal(
                "s1-kafka-orders", 3, ReplicaReason.METRIC_UNAVAILABLE, "broker down"));
    }

    @Test
    void anOverflowingSumSaturatesInsteadOfWrapping() {
        MilliValue half = new MilliValue(Long.MAX_VALUE / 2 + 1);
        MetricReading reading = MetricReading.sampled(spec("s0-m", "AverageValue", "1m"), half, half, half);

        ReplicaProposal proposal = HpaReplicaCalculator.proposal(
                reading, ScaleTargetState.steady(1), Tolerance.DEFAULT);

        assertThat(proposal.replicas()).isEqualTo(Integer.MAX_VALUE);
        assertThat(proposal.detail()).contains(Long.MAX_VALUE + "m");
    }

    /**
     * Several metrics: each row lists metrics separated by {@code ;}, each as {@code type target values} or
     * {@code failed}; they are named {@code s0-m}, {@code s1-m}, ... in order.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                                         | metrics                                         | current | replicas | reason                              | metric
            the largest proposal wins: 4 and 6 -> 6                        | AverageValue 5 20; AverageValue 2 12            | 1       | 6        | AVERAGE_VALUE                       | s1-m
            the largest proposal wins whatever its position                | AverageValue 2 12; AverageValue 5 20            | 1       | 6        | AVERAGE_VALUE                       | s0-m
            a tie keeps the first metric                                   | AverageValue 5 20; AverageValue 10 40           | 1       | 4        | AVERAGE_VALUE                       | s0-m
            a proposal of 0 is replaced by a later 0                       | AverageValue 5 0; AverageValue 5 0              | 3       | 0        | AVERAGE_VALUE                       | s1-m
            Value and AverageValue mix: 16 beats 4                         | AverageValue 5 20; Value 5 20                   | 4       | 16       | VALUE_TIMES_READY_PODS              | s1-m
            every metric invalid -> error, keeps 3                         | failed; failed                                  | 3       | 3        | ALL_METRICS_INVALID                 | s0-m
            the only metric invalid -> error, keeps 3                      | failed                                          | 3       | 3        | ALL_METRICS_INVALID                 | s0-m
            no metric at all -> error, keeps 3                             | ''                                              | 3       | 3        | ALL_METRICS_INVALID                 | ''
            one invalid, the valid one scales up from 2 to 4: allowed      | failed; AverageValue 5 20                       | 2       | 4        | AVERAGE_VALUE                       | s1-m
            one invalid, the valid one would scale down 6 to 4: keeps 6    | failed; AverageValue 5 20                       | 6       | 6        | INVALID_METRICS_PREVENT_SCALE_DOWN  | s0-m
            one invalid, the valid one keeps 4: not a scale-down, proceeds | AverageValue 5 20; failed                       | 4       | 4        | WITHIN_TOLERANCE                    | s0-m
            invalid kinds all count: no values, zero target, failure       | AverageValue 5; AverageValue 0 10; failed       | 2       | 2        | ALL_METRICS_INVALID                 | s0-m
            """)
    void combinesSeveralMetricsLikeKubernetes(String caseName, String metrics, int current, int expectedReplicas,
            ReplicaReason expectedReason, String expectedMetric) {
        ReplicaProposal decision = HpaReplicaCalculator.desiredReplicas(
                readings(metrics), ScaleTargetState.steady(current), Tolerance.DEFAULT);

        assertThat(decision.replicas()).as(decision.detail()).isEqualTo(expectedReplicas);
        assertThat(decision.reason()).as(decision.detail()).isEqualTo(expectedReason);
        assertThat(decision.metricName()).isEqualTo(expectedMetric);
    }

    @Test
    void anAggregateErrorNamesTheCountAndTheFirstError() {
        List<MetricReading> readings = List.of(
                MetricReading.failed(spec("s0-azure-queue-orders", "AverageValue", "5"), "queue not found"),
                MetricReading.failed(spec("s1-kafka-orders", "AverageValue", "5"), "broker down"));

        ReplicaProposal decision = HpaReplicaCalculator.desiredReplicas(
                readings, ScaleTargetState.steady(2), Tolerance.DEFAULT);

        assertThat(decision.detail())
                .isEqualTo("invalid metrics (2 invalid out of 2), first error is: queue not found");
    }

    private static List<MetricReading> readings(String metrics) {
        List<MetricReading> readings = new ArrayList<>();
        if (metrics == null || metrics.isBlank()) {
            return readings;
        }
        String[] entries = metrics.split(";");
        for (int i = 0; i < entries.length; i++) {
            String[] words = entries[i].trim().split("\\s+", 3);
            String name = "s" + i + "-m";
            if (words[0].equals("failed")) {
                readings.add(MetricReading.failed(spec(name, "AverageValue", "1"), "metric " + name + " failed"));
                continue;
            }
            MetricSpec metricSpec = spec(name, words[0], words[1]);
            readings.add(new MetricReading.Sampled(metricSpec, quantities(words.length > 2 ? words[2] : "")));
        }
        return readings;
    }
}
