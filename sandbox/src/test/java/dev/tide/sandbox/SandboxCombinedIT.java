package dev.tide.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.keda.api.ScaledObject;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code ./sandbox.sh --scenario combined}, shortened to one burst: kafka + cpu + cron + prometheus (a real Prometheus
 * scraping the producer's count) as KEDA's docs write them. The cron window holds 2 replicas from before the first
 * message; the burst takes the workload above them; idle, it comes back to 2, never below.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxCombinedIT {

    private ShortRun<Report> run;

    @BeforeAll
    void runTheCombinedScenario() {
        run = ShortRun.start("combined", "idle 3s, burst 600, idle", "--scenario", "combined");
    }

    @AfterAll
    void stopEverything() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void scalesAboveTheCronFloorUnderLoadAndKeepsTheFloorWhileTheWindowIsOpen() {
        Report report = run.report();
        assertThat(report.failure()).as("verdict").isEmpty();
        assertThat(report.cronFloor()).isEqualTo(2);
        assertThat(report.peakReplicas()).isBetween(3, 6);
        assertThat(CombinedVerdict.scaleUpsAboveFloor(report)).isNotEmpty();
        List<Sample> samples = report.timeline().samples();
        assertThat(samples.get(samples.size() - 1).replicas().desired()).isEqualTo(2);

        // Every sync read the four metrics, and the prometheus one was read, not failed: Prometheus scraped the load.
        assertThat(report.hpaMetrics()).hasSize(1);
        assertThat(CombinedVerdict.kedasMetrics(report.hpaMetrics().get(0))).as(CombinedVerdict.KEDA_METRICS).isTrue();
        assertThat(report.writes().hpaSyncs()).flatExtracting(HpaLoop.Sync::proposals)
                .filteredOn(p -> p.metricName().equals("s3-prometheus"))
                .isNotEmpty().allSatisfy(p -> assertThat(p.invalid()).as(p.detail()).isFalse())
                .anySatisfy(p -> assertThat(p.replicas()).isGreaterThan(2));

        // KEDA's HPA for these triggers: names, types, targets, order (as ScalingCombinedTriggersIT has it).
        HorizontalPodAutoscaler hpa = run.env().client.autoscaling().v2().horizontalPodAutoscalers()
                .inNamespace(Settings.NAMESPACE).withName("keda-hpa-" + Settings.SCALED_OBJECT).get();
        CronRunWindow window = run.env().cronWindow.orElseThrow();
        String cron = "s2-cron-Etc-UTC-" + window.start().replace(" ", "").replace("*", "x") + "-"
                + window.end().replace(" ", "").replace("*", "x");
        assertThat(hpa.getSpec().getMetrics()).extracting(m -> m.getType() + " " + (m.getExternal() != null
                ? m.getExternal().getMetric().getName() + " " + m.getExternal().getTarget().getType() + " "
                        + m.getExternal().getTarget().getAverageValue()
                : m.getResource().getName() + " " + m.getResource().getTarget().getType() + " "
                        + m.getResource().getTarget().getAverageUtilization()))
                .containsExactly(
                        "External s0-kafka-orders AverageValue 50",
                        "External " + cron + " AverageValue 1",
                        "External s3-prometheus AverageValue 20",
                        "Resource cpu Utilization 50");
        ScaledObject so = run.env().client.resources(ScaledObject.class).inNamespace(Settings.NAMESPACE)
                .withName(Settings.SCALED_OBJECT).get();
        assertThat(so.getStatus().getTriggersTypes()).isEqualTo("kafka,cpu,cron,prometheus");
        assertThat(so.getStatus().getExternalMetricNames()).containsExactly("s0-kafka-orders", cron, "s3-prometheus");
        assertThat(report.timeline().conditions()).filteredOn(t -> t.type().equals("Ready"))
                .extracting(t -> t.status() + " " + t.reason()).first().isEqualTo("True ScaledObjectReady");
        assertThat(run.runDir().resolve("timeline.csv")).content()
                .startsWith("time_s,phase,produced,lag,replicas,ready_pods,cpu_percent,active,");
        assertThat(run.runDir().resolve("logs/prometheus.log")).exists();
    }
}
