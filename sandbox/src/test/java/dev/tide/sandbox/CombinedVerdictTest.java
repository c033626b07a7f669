package dev.tide.sandbox;

import static dev.tide.sandbox.RunRows.sample;
import static dev.tide.sandbox.RunRows.scale;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.replicas.HpaHistory;
import dev.tide.replicas.HpaSync;
import dev.tide.replicas.ReplicaProposal;
import dev.tide.replicas.ReplicaReason;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CombinedVerdictTest {

    private static final Instant START = RunRows.START;
    private static final OptionalInt CPU = OptionalInt.of(5);
    private static final String KEDA = "s0-kafka-orders,s2-cron-Etc-UTC-5918xxx-519xxx,s3-prometheus,cpu";

    /**
     * A combined run with a cron floor of 2: the floor reached at 1 s, one HPA write at 8 s (after the first message
     * at 2 s), the workload at the middle row's replicas at 20 s and at the last row's at 30 s.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                  | HPA metrics                            | HPA write | at 20 s | at the end | RESULT
            up on load, floor held  | KEDA                                   | 2->5      | 3 | 2 | OK, 2 (cron) -> 5 (load) -> 2 (cron floor held)
            no prometheus metric    | s0-kafka-orders,s2-cron-x,cpu          | 2->5      | 3 | 2 | FAILED: the HPA did not carry KEDA's metrics [s0-kafka-orders, s2-cron-…, s3-prometheus, cpu] at every sync: it carried [s0-kafka-orders, s2-cron-x, cpu]
            cpu before the others   | cpu,s0-kafka-orders,s2-cron-x,s3-prometheus | 2->5 | 3 | 2 | FAILED: the HPA did not carry KEDA's metrics [s0-kafka-orders, s2-cron-…, s3-prometheus, cpu] at every sync: it carried [cpu, s0-kafka-orders, s2-cron-x, s3-prometheus]
            never above the floor   | KEDA                                   | 1->2      | 2 | 2 | FAILED: the HPA never scaled above the cron floor of 2 under load (peak 2)
            below the floor         | KEDA                                   | 2->5      | 1 | 2 | FAILED: the workload went below the cron floor of 2 while the window was open: to 1 at 20.0s
            not back to the floor   | KEDA                                   | 2->5      | 4 | 4 | FAILED: the workload did not come back to the cron floor of 2 before the run ended: it has 4
            """)
    void theVerdictWantsKedasFourMetricsAScaleUpUnderLoadAndTheCronFloorHeld(String name, String metrics, String write,
            int middle, int last, String result) {
        int[] replicas = Arrays.stream(write.split("->")).mapToInt(Integer::parseInt).toArray();
        List<String> names = List.of((metrics.equals("KEDA") ? KEDA : metrics).split(","));
        List<ReplicaProposal> proposals = names.stream()
                .map(metric -> new ReplicaProposal(metric, replicas[1], ReplicaReason.AVERAGE_VALUE, "")).toList();
        HpaLoop.Sync sync = new HpaLoop.Sync(START.plusSeconds(8), "keda-hpa-orders-worker", names, proposals,
                new HpaSync.Decision(replicas[0], replicas[1], HpaSync.Outcome.COMPUTED, "", HpaHistory.EMPTY), true);
        Report report = new Report(Path.of("target"), ScenarioKind.COMBINED,
                new Report.Timeline(START, Optional.of(START.plusSeconds(2)), Optional.of(START.plusSeconds(3)),
                        List.of(sample(0, 1, CPU), sample(1, 2, CPU), sample(10, replicas[1], CPU),
                                sample(20, middle, CPU), sample(30, last, CPU)),
                        List.of()),
                new Report.Writes(List.of(scale(0, 1), scale(1, 2), scale(8, replicas[1]), scale(20, middle),
                        scale(25, last)), List.of(sync)),
                Optional.empty(), 0, 2);

        ByteArrayOutputStream text = new ByteArrayOutputStream();
        report.print(new PrintStream(text, true, StandardCharsets.UTF_8));

        assertThat(text.toString(StandardCharsets.UTF_8)).contains("  RESULT: " + result)
                .contains("    HPA metrics: [" + String.join(", ", names) + "]");
        assertThat(report.failure().isEmpty()).isEqualTo(result.startsWith("OK"));
    }
}
