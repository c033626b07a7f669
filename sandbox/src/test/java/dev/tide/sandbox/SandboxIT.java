package dev.tide.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.scaler.api.replicas.HpaSync;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's scenario, shortened: the real controller and metrics service, a real broker, the HPA loop and the
 * workload take a Deployment from 0 to N replicas and back to 0 on Kafka lag.
 */
class SandboxIT {

    @Test
    void scalesFromZeroToSeveralReplicasAndBackToZeroOnKafkaLag() {
        Settings settings = Sandbox.settings("--profile", "idle 2s, burst 600, steady 40/s 6s, idle",
                "--consumer-rate", "50", "--partitions", "4", "--polling-interval", "1s", "--cooldown", "3s",
                "--hpa-sync-period", "2s", "--duration", "90s", "--out", "target/it-runs");
        Path runDir = settings.outDir().resolve("scales-0-n-0");

        Report report;
        try (Environment env = new Environment(settings, runDir, Clock.systemUTC(), new StatusLine(System.out))) {
            report = new Scenario(env, System.out).run();
            report.write();
            report.print(System.out);
        }

        assertThat(report.failure()).as("verdict").isEmpty();
        // Tide activates within a polling interval (plus the read and the write).
        assertThat(report.activation()).hasValueSatisfying(activation -> {
            assertThat(activation.replicas()).isEqualTo(1);
            assertThat(Duration.between(report.firstMessage().orElseThrow(), activation.at()))
                    .isLessThan(Duration.ofSeconds(3));
        });
        List<int[]> events = report.scaleEvents();
        assertThat(events.get(0)).containsExactly(0, 1);
        assertThat(events.get(events.size() - 1)[1]).isZero();
        // Up to maxReplicaCount 6: KEDA caps the lag at partitions x lagThreshold only once lag / threshold (integer
        // division) exceeds the 4 partitions, so a lag of 233 still asks for 5.
        assertThat(report.peakReplicas()).isBetween(2, 6);

        // The HPA loop: off at 0 replicas, scaled up from the metrics service's values, then down.
        List<HpaLoop.Sync> syncs = report.hpaSyncs();
        assertThat(syncs).extracting(s -> s.decision().outcome()).contains(HpaSync.Outcome.SCALING_DISABLED);
        assertThat(syncs).filteredOn(HpaLoop.Sync::written)
                .anySatisfy(s -> {
                    assertThat(s.decision().outcome()).isEqualTo(HpaSync.Outcome.COMPUTED);
                    assertThat(s.decision().desiredReplicas()).isGreaterThan(s.decision().currentReplicas());
                    assertThat(s.decision().message()).startsWith("s0-kafka-orders: ");
                });
        assertThat(syncs).filteredOn(s -> s.decision().outcome() == HpaSync.Outcome.METRICS_INVALID).isEmpty();

        // The ScaledObject's conditions along the way.
        assertThat(report.conditions()).extracting(t -> t.type() + "=" + t.status())
                .contains("Ready=True")
                .containsSubsequence("Active=True", "Active=False");
        assertThat(report.conditions()).filteredOn(t -> t.type().equals("Ready")).extracting(Scenario.Transition::status)
                .containsOnly("True");
        assertThat(runDir.resolve("timeline.svg")).isNotEmptyFile();
        assertThat(runDir.resolve("timeline.csv")).isNotEmptyFile();
    }
}
