package dev.tide.sandbox;

import static dev.tide.sandbox.RunRows.sample;
import static dev.tide.sandbox.RunRows.scale;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.replicas.HpaHistory;
import dev.tide.replicas.HpaSync;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportTest {

    private static final Instant START = RunRows.START;
    private static final OptionalInt NO_CPU = OptionalInt.empty();

    /** A run that went 0 -> 3 -> 0; the rows vary what its HPA carried and what the status says. */
    @ParameterizedTest(name = "{0}: HPA {1}, status {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # scenario | HPA metrics per sync (;)                 | compositeScalerName | verdict
            MODIFIERS  | composite-metric;composite-metric        | composite-metric    |
            MODIFIERS  | s0-kafka-orders,s1-kafka-returns          |                     | the HPA did not carry exactly one metric, composite-metric, at every sync: it carried [s0-kafka-orders, s1-kafka-returns]
            MODIFIERS  | composite-metric;composite-metric,s0-x    | composite-metric    | the HPA did not carry exactly one metric, composite-metric, at every sync: it carried [composite-metric], then [composite-metric, s0-x]
            MODIFIERS  | composite-metric                          |                     | the ScaledObject's status.compositeScalerName is not set, not composite-metric
            MODIFIERS  | composite-metric                          | s0-kafka-orders     | the ScaledObject's status.compositeScalerName is s0-kafka-orders, not composite-metric
            SCALE      | s0-kafka-orders                           |                     |
            """)
    void withScalingModifiersTheVerdictAlsoWantsOneCompositeMetricOnTheHpaAndInTheStatus(ScenarioKind scenario,
            String metricsPerSync, String compositeScalerName, String verdict) {
        List<HpaLoop.Sync> syncs = Arrays.stream(metricsPerSync.split(";"))
                .map(metrics -> new HpaLoop.Sync(START.plusSeconds(4), "keda-hpa-orders-worker",
                        List.of(metrics.split(",")), List.of(),
                        new HpaSync.Decision(1, 3, HpaSync.Outcome.COMPUTED, "", HpaHistory.EMPTY), true))
                .toList();
        Report report = new Report(Path.of("target"), scenario,
                new Report.Timeline(START, Optional.of(START.plusSeconds(1)), Optional.of(START.plusSeconds(2)),
                        List.of(sample(10, 3, NO_CPU), sample(30, 0, NO_CPU)), List.of()),
                new Report.Writes(List.of(scale(2, 1), scale(4, 3), scale(25, 0)), syncs),
                Optional.ofNullable(compositeScalerName), 0, 0);

        assertThat(report.failure()).isEqualTo(Optional.ofNullable(verdict));
    }
}
