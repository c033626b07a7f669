package dev.tide.controller.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tide.controller.MockCluster;
import dev.tide.controller.kube.ClusterAccess;
import dev.tide.controller.kube.EventRecorder;
import dev.tide.controller.kube.ScaleClient;
import dev.tide.controller.kube.StatusWriter;
import dev.tide.controller.observability.ScalingMetrics;
import dev.tide.controller.config.LoopExecutors;
import dev.tide.controller.scaling.PublishedMetrics;
import dev.tide.controller.config.ScaleLoopProperties;
import dev.tide.controller.scaling.ScaleLoops;
import dev.tide.controller.sources.PassRequests;
import dev.tide.controller.sources.Sampler;
import dev.tide.controller.sources.SourceGuards;
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

    record Replica(LeaderElection election, ScaleLoops loops, PublishedMetrics published, LoopExecutors executors) {
        void stop() {
            election.stop();
            executors.close();
        }
    }

    static Replica replica(String identity) {
        var executors = LoopExecutors.create(new ScaleLoopProperties(true, 1, 2, 2, 1));
        var client = MockCluster.CLIENT;
        var guards = new SourceGuards(CircuitBreakerRegistry.ofDefaults(), BulkheadRegistry.ofDefaults(), RetryRegistry.ofDefaults(),
                executors.samplers(), executors.scheduler(), new SimpleMeterRegistry());
        var metrics = new ScalingMetrics(new SimpleMeterRegistry());
        var cluster = ClusterAccess.of(client, new ScaleClient(client), new StatusWriter(client),
                new EventRecorder(client, Clock.systemUTC()), java.util.Set.of());
        var published = new PublishedMetrics();
        var loops = new ScaleLoops(cluster, new Sampler(guards, metrics, Clock.systemUTC()), metrics, Clock.systemUTC(), executors,
                published, new PassRequests());
        var properties = new LeaderElectionProperties(true, "leader-it", Optional.of("tide-system"), Optional.of(identity),
                Duration.ofSeconds(2), Duration.ofMillis(1_500), Duration.ofMillis(250));
        return new Replica(new LeaderElection(client, properties, "tide-system", identity, java.util.List.of(loops), true), loops, published,
                executors);
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
            assertThat(b.published().leading()).as("the standby's metrics API answers NotLeader").isFalse();

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
