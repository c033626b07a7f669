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

class CpuVerdictTest {

    private static final Instant START = RunRows.START;
    private static final OptionalInt CPU = OptionalInt.of(5);

    /** A cpu run with minReplicaCount 1: one HPA write at 8 s, then the workload at the last row's replicas. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                  | HPA metrics          | each metric asked       | HPA write | replicas at the end | RESULT
            cpu beyond the lag      | s0-kafka-orders,cpu  | s0-kafka-orders 1,cpu 4 | 2->4      | 1 | OK, 1 -> 4 -> 1 on cpu (the lag alone asked for at most 1)
            a container's cpu       | cpu (worker)         | cpu (worker) 3          | 1->3      | 1 | OK, 1 -> 3 -> 1 on cpu (the lag alone asked for at most 0)
            cpu as far as the lag   | s0-kafka-orders,cpu  | s0-kafka-orders 2,cpu 2 | 1->2      | 1 | FAILED: the HPA never scaled up on cpu beyond what the lag alone asked (peak 2)
            the lag beyond cpu      | s0-kafka-orders,cpu  | s0-kafka-orders 3,cpu 2 | 1->3      | 1 | FAILED: the HPA never scaled up on cpu beyond what the lag alone asked (peak 3)
            cpu, but held down      | s0-kafka-orders,cpu  | s0-kafka-orders 2,cpu 6 | 1->2      | 1 | FAILED: the HPA never scaled up on cpu beyond what the lag alone asked (peak 2)
            no cpu metric           | s0-kafka-orders      | s0-kafka-orders 4       | 1->4      | 1 | FAILED: the HPA carried no cpu metric: it carried [s0-kafka-orders]
            not back down           | s0-kafka-orders,cpu  | s0-kafka-orders 1,cpu 4 | 2->4      | 4 | FAILED: the workload did not return to minReplicaCount 1 before the run ended: it has 4
            """)
    void theVerdictWantsAScaleUpOnCpuBeyondTheLagAndTheWayBackToMinReplicaCount(String name, String metrics,
            String asked, String write, int last, String result) {
        int[] replicas = Arrays.stream(write.split("->")).mapToInt(Integer::parseInt).toArray();
        List<ReplicaProposal> proposals = Arrays.stream(asked.split(",")).map(metric -> new ReplicaProposal(
                metric.substring(0, metric.lastIndexOf(' ')), Integer.parseInt(metric.substring(metric.lastIndexOf(' ') + 1)),
                ReplicaReason.AVERAGE_VALUE, "")).toList();
        HpaLoop.Sync sync = new HpaLoop.Sync(START.plusSeconds(8), "keda-hpa-orders-worker", List.of(metrics.split(",")),
                proposals, new HpaSync.Decision(replicas[0], replicas[1], HpaSync.Outcome.COMPUTED, "", HpaHistory.EMPTY),
                true);
        Report report = new Report(Path.of("target"), ScenarioKind.CPU,
                new Report.Timeline(START, Optional.of(START.plusSeconds(2)), Optional.of(START.plusSeconds(3)),
                        List.of(sample(1, 1, CPU), sample(10, replicas[1], CPU), sample(30, last, CPU)), List.of()),
                new Report.Writes(List.of(scale(0, 1), scale(8, replicas[1]), scale(25, 1)), List.of(sync)),
                Optional.empty(), 1, 0);

        ByteArrayOutputStream text = new ByteArrayOutputStream();
        report.print(new PrintStream(text, true, StandardCharsets.UTF_8));

        assertThat(text.toString(StandardCharsets.UTF_8)).contains("  RESULT: " + result)
                .contains("    HPA metrics: [" + metrics.replace(",", ", ") + "]");
        assertThat(report.failure().isEmpty()).isEqualTo(result.startsWith("OK"));
    }
}
