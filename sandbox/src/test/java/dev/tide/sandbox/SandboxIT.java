package dev.tide.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import dev.tide.replicas.HpaSync;
import dev.tide.replicas.MetricReading;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The README's scenario, shortened: the real controller and metrics service, a real broker, the HPA loop and the
 * workload take a Deployment from 0 to N replicas and back to 0 on Kafka lag.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxIT {

    private ShortRun<Report> run;
    private Environment env;
    private Report report;
    private Path runDir;

    /** One environment for the class: starting the broker and both services is the expensive part. */
    @BeforeAll
    void runTheShortScenario() {
        run = ShortRun.start("scales-0-n-0", "idle 2s, burst 600, steady 40/s 6s, idle");
        env = run.env();
        report = run.report();
        runDir = run.runDir();
    }

    @AfterAll
    void stopEverything() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void scalesFromZeroToSeveralReplicasAndBackToZeroOnKafkaLag() {
        assertThat(report.failure()).as("verdict").isEmpty();
        // Tide activates within a polling interval (plus the read and the write).
        assertThat(report.activation()).hasValueSatisfying(activation -> {
            assertThat(activation.replicas()).isEqualTo(1);
            assertThat(Duration.between(report.timeline().firstMessage().orElseThrow(), activation.at()))
                    .isLessThan(Duration.ofSeconds(3));
        });
        List<int[]> events = report.scaleEvents();
        assertThat(events.get(0)).containsExactly(0, 1);
        assertThat(events.get(events.size() - 1)[1]).isZero();
        // Up to maxReplicaCount 6: KEDA caps the lag at partitions x lagThreshold only once lag / threshold (integer
        // division) exceeds the 4 partitions, so a lag of 233 still asks for 5.
        assertThat(report.peakReplicas()).isBetween(2, 6);

        // The HPA loop: off at 0 replicas, scaled up from the metrics service's values, then down.
        List<HpaLoop.Sync> syncs = report.writes().hpaSyncs();
        assertThat(syncs).extracting(s -> s.decision().outcome()).contains(HpaSync.Outcome.SCALING_DISABLED);
        assertThat(syncs).filteredOn(HpaLoop.Sync::written)
                .anySatisfy(s -> {
                    assertThat(s.decision().outcome()).isEqualTo(HpaSync.Outcome.COMPUTED);
                    assertThat(s.decision().desiredReplicas()).isGreaterThan(s.decision().currentReplicas());
                    assertThat(s.decision().message()).startsWith("s0-kafka-orders: ");
                });
        assertThat(syncs).filteredOn(s -> s.decision().outcome() == HpaSync.Outcome.METRICS_INVALID).isEmpty();

        // The ScaledObject's conditions along the way.
        assertThat(report.timeline().conditions()).extracting(t -> t.type() + "=" + t.status())
                .contains("Ready=True")
                .containsSubsequence("Active=True", "Active=False");
        assertThat(report.timeline().conditions()).filteredOn(t -> t.type().equals("Ready")).extracting(ConditionLog.Transition::status)
                .containsOnly("True");
        assertThat(runDir.resolve("timeline.svg")).isNotEmptyFile();
        assertThat(runDir.resolve("timeline.csv")).isNotEmptyFile();
    }

    /**
     * The contract between the two services (docs/internal-metrics-api.md), checked on the real pair rather than a
     * stub: the metrics service answers the HPA from the real controller, and maps the controller's 404s to 404s.
     */
    @Test
    void metricsServiceAnswersFromTheRealControllerAndPassesItsNotFoundAnswersOn() {
        MetricSpec served = spec("s0-kafka-orders");
        Map<String, String> thisObject = Map.of("scaledobject.keda.sh/name", Settings.SCALED_OBJECT);

        assertThat(env.deployment().hpaLoop().fetch(served, thisObject))
                .isInstanceOfSatisfying(MetricReading.Sampled.class, sampled -> assertThat(sampled.values()).hasSize(1));
        assertThat(env.deployment().hpaLoop().fetch(spec("s7-no-such-metric"), thisObject))
                .isInstanceOfSatisfying(MetricReading.Failed.class, failed -> assertThat(failed.error()).contains("HTTP 404"));
        assertThat(env.deployment().hpaLoop().fetch(served, Map.of("scaledobject.keda.sh/name", "no-such-object")))
                .isInstanceOfSatisfying(MetricReading.Failed.class, failed -> assertThat(failed.error()).contains("HTTP 404"));
        assertThat(env.deployment().hpaLoop().fetch(served, Map.of("app", "orders")))
                .isInstanceOfSatisfying(MetricReading.Failed.class, failed -> assertThat(failed.error())
                        .contains("HTTP 400").contains("scaledObject name is not specified"));
    }

    private static MetricSpec spec(String metricName) {
        return new MetricSpec(metricName, MetricTargetType.AVERAGE_VALUE, MilliValue.ofWhole(50));
    }
}
