package dev.tide.controller.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tide.controller.MockCluster;
import dev.tide.controller.config.LeaderWork;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code scaleLoops} readiness component on two replicas of one Lease (mock API server): the leader is out of
 * service until its loops have started, a follower is ready at once, and a follower that takes over is out of
 * service again until its own loops have started.
 */
class LeaderReadinessIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Loops whose start waits for the test, as a new leader's first LIST of its ScaledObjects may wait. */
    static final class GatedLoops implements LeaderWork {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void startAll() {
            entered.countDown();
            try {
                release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void stopAll() {
        }
    }

    private static LeaderElection replica(String identity, LeaderWork loops) {
        var properties = new LeaderElectionProperties(true, "readiness-it", Optional.of("tide-system"), Optional.of(identity),
                Duration.ofSeconds(2), Duration.ofMillis(1_500), Duration.ofMillis(250));
        return new LeaderElection(MockCluster.CLIENT, properties, "tide-system", identity, List.of(loops), true);
    }

    @Test
    void theLeaderIsReadyOnceItsLoopsHaveStartedAndAFollowerAtOnce() throws InterruptedException {
        GatedLoops loopsA = new GatedLoops();
        GatedLoops loopsB = new GatedLoops();
        LeaderElection a = replica("ready-a", loopsA);
        LeaderElection b = replica("ready-b", loopsB);
        var readyA = new ScaleLoopsHealthIndicator(a);
        var readyB = new ScaleLoopsHealthIndicator(b);
        try {
            assertThat(readyA.health().getStatus()).as("before election").isEqualTo(Status.OUT_OF_SERVICE);

            a.start();
            assertThat(loopsA.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("a took the lead").isTrue();
            assertStanding(readyA, Status.OUT_OF_SERVICE, "starting_loops");

            b.start();
            assertStanding(readyB, Status.UP, "following");

            loopsA.release.countDown();
            await().atMost(WAIT).until(() -> readyA.health().getStatus().equals(Status.UP));
            assertStanding(readyA, Status.UP, "leading");
            assertStanding(readyB, Status.UP, "following");

            a.stop();
            assertThat(loopsB.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("b took over").isTrue();
            assertStanding(readyB, Status.OUT_OF_SERVICE, "starting_loops");
            loopsB.release.countDown();
            await().atMost(WAIT).until(() -> readyB.health().getStatus().equals(Status.UP));
            assertStanding(readyB, Status.UP, "leading");
        } finally {
            loopsA.release.countDown();
            loopsB.release.countDown();
            a.stop();
            b.stop();
        }
    }

    @Test
    void aReplicaWithoutScaleLoopsIsReadyOnceStarted() {
        LeaderElection replica = new LeaderElection(MockCluster.CLIENT,
                new LeaderElectionProperties(true, "readiness-it-off", Optional.empty(), Optional.empty(), Duration.ofSeconds(2),
                        Duration.ofMillis(1_500), Duration.ofMillis(250)), "tide-system", "ready-off", List.of(new GatedLoops()), false);
        var ready = new ScaleLoopsHealthIndicator(replica);
        replica.start();
        try {
            assertStanding(ready, Status.UP, "not_scaling");
        } finally {
            replica.stop();
        }
    }

    private static void assertStanding(ScaleLoopsHealthIndicator indicator, Status status, String standing) {
        Health health = indicator.health();
        assertThat(health.getStatus()).as("status %s", health).isEqualTo(status);
        assertThat(health.getDetails()).containsEntry("standing", standing);
    }
}
