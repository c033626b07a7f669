package dev.tide.controller.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.controller.scaling.PublishedMetrics;
import org.junit.jupiter.api.Test;

/** The metrics API's answers that need no loop running. */
class MetricsReaderTest {

    @Test
    void aStandbyReplicaAnswersNotLeaderSoTheMetricsServiceAsksTheLeader() {
        MetricsReader standby = new MetricsReader(new PublishedMetrics(), null);

        assertThat(standby.read("ns", "so", "s0-x")).isEqualTo(new MetricsReader.Failure(503, "NotLeader",
                "this controller replica is a standby; ask the leader"));
    }
}
