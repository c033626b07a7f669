package dev.tide.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.replicas.ReplicaProposal;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code ./sandbox.sh --scenario cpu}, shortened to one burst: with lagThreshold 1000 the lag of 600 asks for one
 * replica, and the pods' cpu (busy while they work through the backlog) takes the Deployment further; idle, it goes
 * back to minReplicaCount 1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxCpuIT {

    private ShortRun<Report> run;

    @BeforeAll
    void runTheCpuScenario() {
        run = ShortRun.start("cpu", "idle 1s, burst 600, idle", "--scenario", "cpu");
    }

    @AfterAll
    void stopEverything() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void scalesUpOnTheBusyPodsCpuBeyondWhatTheLagAsksAndBackToMinReplicaCountWhenIdle() {
        Report report = run.report();
        assertThat(report.failure()).as("verdict").isEmpty();
        assertThat(report.minReplicaCount()).isEqualTo(1);
        assertThat(report.peakReplicas()).isBetween(2, 6);

        // Every sync read both metrics; the lag never asked for more than one replica, cpu did, and the HPA followed.
        assertThat(report.hpaMetrics()).containsExactly(List.of("s0-kafka-orders", "cpu"));
        assertThat(report.writes().hpaSyncs()).flatExtracting(HpaLoop.Sync::proposals)
                .filteredOn(p -> p.metricName().equals("s0-kafka-orders")).extracting(ReplicaProposal::replicas)
                .isNotEmpty().allSatisfy(replicas -> assertThat(replicas).isLessThanOrEqualTo(1));
        assertThat(CpuVerdict.scaleUpsOnCpu(report.writes().hpaSyncs())).isNotEmpty().allSatisfy(sync ->
                assertThat(sync.decision().message()).startsWith("cpu: usage ratio "));

        // What the timeline shows: busy pods while the backlog lasts, an idle one (5m of its 100m) at the end.
        List<Sample> samples = report.timeline().samples();
        assertThat(samples).extracting(s -> s.replicas().cpu().orElse(0)).anySatisfy(cpu -> assertThat(cpu).isGreaterThan(50));
        assertThat(samples.get(samples.size() - 1).replicas()).satisfies(replicas -> {
            assertThat(replicas.desired()).isEqualTo(1);
            assertThat(replicas.cpuText()).isEqualTo("5%");
        });
        assertThat(samples).extracting(Sample::decision).anySatisfy(decision -> assertThat(decision).startsWith("hpa: ")
                .contains(" (cpu: usage ratio "));
        assertThat(run.runDir().resolve("timeline.csv")).content()
                .startsWith("time_s,phase,produced,lag,replicas,ready_pods,cpu_percent,active,");

        // The cpu trigger as Tide wrote it into the HPA, and the request KEDA's validator wants: Ready from the first
        // reconcile (a kafka read timing out on a busy machine may turn it False for a pass, never for a check).
        HorizontalPodAutoscaler hpa = run.env().client.autoscaling().v2().horizontalPodAutoscalers()
                .inNamespace(Settings.NAMESPACE).withName("keda-hpa-" + Settings.SCALED_OBJECT).get();
        assertThat(hpa.getSpec().getMetrics()).filteredOn(m -> m.getType().equals("Resource")).singleElement()
                .satisfies(m -> {
                    assertThat(m.getResource().getName()).isEqualTo("cpu");
                    assertThat(m.getResource().getTarget().getType()).isEqualTo("Utilization");
                    assertThat(m.getResource().getTarget().getAverageUtilization()).isEqualTo(50);
                });
        assertThat(run.env().client.apps().deployments().inNamespace(Settings.NAMESPACE).withName(Settings.DEPLOYMENT)
                .get().getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests())
                .containsEntry("cpu", new Quantity("100m"));
        assertThat(report.timeline().conditions()).filteredOn(t -> t.type().equals("Ready"))
                .extracting(t -> t.status() + " " + t.reason()).first().isEqualTo("True ScaledObjectReady");
        assertThat(report.timeline().conditions()).filteredOn(t -> t.type().equals("Ready"))
                .extracting(ConditionLog.Transition::reason).isSubsetOf("ScaledObjectReady", "TriggerError");
    }
}
