package dev.tide.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.keda.api.KedaApi;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code ./sandbox.sh --scenario modifiers}, shortened to one burst: two topics, a kafka trigger named after each and
 * {@code scalingModifiers} {@code orders + returns} take the Deployment 0 → N → 0 through one composite metric.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxModifiersIT {

    private ShortRun<Report> run;

    @BeforeAll
    void runTheModifiersScenario() {
        run = ShortRun.start("modifiers-0-n-0", "idle 1s, burst 600, idle", "--scenario", "modifiers");
    }

    @AfterAll
    void stopEverything() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void scalesFromZeroToSeveralReplicasAndBackToZeroOnOneCompositeMetricOverTwoTopics() {
        Report report = run.report();
        assertThat(report.failure()).as("verdict").isEmpty();
        List<int[]> events = report.scaleEvents();
        assertThat(events.get(0)).containsExactly(0, 1);
        assertThat(events.get(events.size() - 1)[1]).isZero();
        // 600 messages against a target of 200 per replica: 3 while the burst is fresh, at most maxReplicaCount 6.
        assertThat(report.peakReplicas()).isBetween(2, 6);

        // What the timeline shows: the lag of each topic (3 of every 5 messages go to orders) and their sum.
        assertThat(report.timeline().samples()).extracting(Sample::messages)
                .anySatisfy(messages -> assertThat(messages.lags()).hasSize(2).allMatch(lag -> lag > 0)
                        .first().isEqualTo(messages.lag() - messages.lags().get(1)))
                .anySatisfy(messages -> assertThat(messages.lagText()).matches("\\d+\\+\\d+=\\d+"));
        assertThat(report.timeline().samples()).extracting(Sample::decision)
                .anySatisfy(decision -> assertThat(decision).startsWith("tide: Scaled ")
                        .endsWith(" from 0 to 1, triggered by " + KedaApi.COMPOSITE_METRIC_NAME));

        // The HPA carried the one composite metric at every sync and scaled up on it; the status names it.
        assertThat(report.hpaMetrics()).containsExactly(List.of(KedaApi.COMPOSITE_METRIC_NAME));
        assertThat(report.writes().hpaSyncs()).filteredOn(HpaLoop.Sync::written)
                .anySatisfy(sync -> {
                    assertThat(sync.decision().desiredReplicas()).isGreaterThan(sync.decision().currentReplicas());
                    assertThat(sync.decision().message()).startsWith(KedaApi.COMPOSITE_METRIC_NAME + ": ");
                });
        assertThat(report.compositeScalerName()).hasValue(KedaApi.COMPOSITE_METRIC_NAME);
        assertThat(run.runDir().resolve("timeline.csv")).content().startsWith("time_s,phase,produced,lag,lag_orders,lag_returns,");
    }
}
