package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Two controller replicas on one Lease: one leads, the other answers NotLeader, then takes over when it stops. */
class ScalingLeaderElectionIT {

    record Replica(LeaderElection election, ScaleLoops loops, MetricsReader reader, ScalingConfiguration.LoopExecutors executors) {
        void stop() {
            election.stop();
            executors.close();
        }
    }

    static Replica replica(String identity) {
        var executors = ScalingConfiguration.LoopExecutors.create(new ScaleLoopProperties(true, 1, 2, 1));
        var client = MockCluster.CLIENT;
        var guards = new SourceGuards(CircuitBreakerRegistry.ofDefaults(), BulkheadRegistry.ofDefaults(), RetryRegistry.ofDefaults(),
                executors.samplers(), executors.scheduler());
        var loops = new ScaleLoops(ClusterAccess.of(client, new EventRecorder(client, Clock.systemUTC()), java.util.Set.of()), guards,
                new ScalingMetrics(new SimpleMeterRegistry()), Clock.systemUTC(), executors.scheduler(), executors.workers(),
                executors.writers(), client.getKubernetesSerialization());
        var properties = new LeaderElectionProperties(true, "leader-it", Optional.of("tide-system"), Optional.of(identity),
                Duration.ofSeconds(2), Duration.ofMillis(1_500), Duration.ofMillis(250));
        return new Replica(new LeaderElection(client, properties, "tide-system", identity, loops, true), loops,
                new MetricsReader(loops), executors);
    }

    @Test
    void oneReplicaLeadsAndTheOtherTakesOverWhenItStops() {
        Replica a = replica("pod-a");
        Replica b = replica("pod-b");
        try {
            a.election().start();
            await().atMost(Duration.ofSeconds(5)).until(() -> a.loops().leading());
            b.election().start();
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> !b.loops().leading());
            assertThat(b.reader().read("ns", "so", "s0-x")).isEqualTo(new MetricsReader.Failure(503, "NotLeader",
                    "this controller replica is a standby; ask the leader"));

            a.stop();
            assertThat(a.loops().leading()).isFalse();
            await().atMost(Duration.ofSeconds(6)).until(() -> b.loops().leading());
            assertThat(List.of(a.loops().leading(), b.loops().leading())).containsExactly(false, true);
        } finally {
            a.stop();
            b.stop();
        }
    }
}
