package dev.tide.replicas;

import static dev.tide.replicas.Quantities.quantities;
import static dev.tide.replicas.Quantities.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HpaSyncTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # case                                                  | spec | status | min | max | values | desired | outcome          | rescale
            at zero replicas the HPA is off, whatever the lag       | 0    | 0      | 1   | 10  | 500    | 0       | SCALING_DISABLED | false
            above maxReplicas comes down to it without metrics      | 12   | 12     | 1   | 10  | 500    | 10      | ABOVE_MAX        | true
            below minReplicas goes up to it without metrics         | 1    | 1      | 2   | 10  | 0      | 2       | BELOW_MIN        | true
            a lag of 500 at target 50 from 1 replica gives 5 first  | 1    | 1      | 1   | 10  | 500    | 5       | COMPUTED         | true
            a lag of 150 at target 50 from 1 replica gives 3        | 1    | 1      | 1   | 10  | 150    | 3       | COMPUTED         | true
            a lag within tolerance keeps the count                  | 3    | 3      | 1   | 10  | 155    | 3       | COMPUTED         | false
            no value from the metrics API keeps the count           | 3    | 3      | 1   | 10  | -      | 3       | METRICS_INVALID  | false
            an empty queue with no history scales down to min       | 4    | 4      | 1   | 10  | 0      | 1       | COMPUTED         | true
            """)
    void decidesLikeReconcileAutoscaler(String caseName, int specReplicas, int statusReplicas, int min, int max,
            String values, int desired, HpaSync.Outcome outcome, boolean rescale) {
        MetricReading reading = new MetricReading.Sampled(spec("s0-kafka-orders", "AverageValue", "50"),
                quantities(values));
        ScaleTargetState target = new ScaleTargetState(specReplicas, statusReplicas, statusReplicas, statusReplicas);

        HpaSync.Decision decision = HpaSync.decide(List.of(reading), target, new ReplicaBounds(min, max),
                HpaBehavior.DEFAULT, Tolerance.DEFAULT, HpaHistory.EMPTY, Instant.parse("2026-11-29T10:00:00Z"));

        assertThat(decision.desiredReplicas()).isEqualTo(desired);
        assertThat(decision.outcome()).isEqualTo(outcome);
        assertThat(decision.rescale()).isEqualTo(rescale);
        assertThat(decision.message()).isNotBlank();
        assertThat(decision.history().recommendations()).hasSize(outcome == HpaSync.Outcome.COMPUTED ? 1 : 0);
    }
}
