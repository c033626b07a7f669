package dev.tide.controller.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.controller.kube.ObjectKey;
import dev.tide.controller.scaling.PublishedMetrics;
import dev.tide.controller.sharding.MemberView;
import dev.tide.controller.sharding.Ownership;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The metrics API's answers that need no loop running. */
class MetricsReaderTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void aStandbyReplicaAnswersNotLeaderSoTheMetricsServiceAsksTheLeader() {
        MetricsReader standby = new MetricsReader(new PublishedMetrics(), null, new Ownership(CLOCK));

        assertThat(standby.read("ns", "so", "s0-x")).isEqualTo(new MetricsReader.Failure(503, "NotLeader",
                "this controller replica is a standby; ask the leader"));
    }

    @Test
    void aShardedReplicaThatDoesNotOwnTheScaledObjectNamesItsOwner() {
        Ownership ownership = new Ownership(CLOCK);
        Instant now = CLOCK.instant();
        // Two members; whichever owns ns/so by the hash, the other replica is asked.
        MemberView asA = new MemberView("a", now.plus(Duration.ofSeconds(10)), now, List.of("a", "b"));
        String owner = asA.decide(new ObjectKey("ns", "so"), now).owner().orElseThrow();
        String other = owner.equals("a") ? "b" : "a";
        ownership.assign(new MemberView(other, now.plus(Duration.ofSeconds(10)), now, List.of("a", "b")));

        MetricsReader notOwner = new MetricsReader(new PublishedMetrics(), null, ownership);

        assertThat(notOwner.read("ns", "so", "s0-x")).isEqualTo(new MetricsReader.Failure(503, "NotOwner",
                "this controller replica does not drive ScaledObject ns/so (not_owner); ask " + owner, Optional.of(owner)));
    }
}
