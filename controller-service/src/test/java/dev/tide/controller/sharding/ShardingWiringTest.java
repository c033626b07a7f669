package dev.tide.controller.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tide.controller.MockCluster;
import dev.tide.controller.config.ControllerProperties;
import dev.tide.controller.config.ScaleLoopProperties;
import dev.tide.controller.kube.ObjectKey;
import dev.tide.controller.leader.LeaderConfiguration;
import dev.tide.controller.leader.LeaderElectionProperties;
import dev.tide.controller.observability.KubernetesRequestMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** tide.controller.sharding.enabled swaps leader election for the membership; the endpoint reports either way. */
class ShardingWiringTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ControllerProperties.class, ScaleLoopProperties.class, LeaderElectionProperties.class,
            ShardingProperties.class})
    static class Properties {
    }

    /** One object registered, driven while its owner lets it. */
    static final class OneObject implements ShardedWork {
        static final ObjectKey KEY = new ObjectKey("team", "orders");
        private final Ownership ownership;
        private volatile boolean started;

        OneObject(Ownership ownership) {
            this.ownership = ownership;
        }

        @Override
        public String kind() {
            return "ScaledObject";
        }

        @Override
        public void rebalance() {
        }

        @Override
        public Set<ObjectKey> registered() {
            return Set.of(KEY);
        }

        @Override
        public Set<ObjectKey> driven() {
            return started && ownership.drives(KEY) ? Set.of(KEY) : Set.of();
        }

        @Override
        public void startAll() {
            started = true;
        }

        @Override
        public void stopAll() {
            started = false;
        }
    }

    private static final KubernetesRequestMetrics KUBERNETES_REQUESTS = new KubernetesRequestMetrics(new SimpleMeterRegistry(),
            Clock.systemUTC());

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Properties.class, LeaderConfiguration.class, ShardingConfiguration.class)
            .withBean(KubernetesRequestMetrics.class, () -> KUBERNETES_REQUESTS)
            // The mock server's client, counted as the controller's own client is.
            .withBean(KubernetesClient.class, () -> new KubernetesClientBuilder().withConfig(MockCluster.CLIENT.getConfiguration())
                    .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor(KubernetesRequestMetrics.INTERCEPTOR,
                            KUBERNETES_REQUESTS)).build())
            .withBean(Clock.class, Clock::systemUTC)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withBean(Ownership.class, () -> new Ownership(Clock.systemUTC()))
            .withBean(OneObject.class)
            .withPropertyValues("tide.controller.leader-election.lease-namespace=tide-system",
                    "tide.controller.leader-election.lease-name=sharding-wiring", "tide.controller.leader-election.identity=pod-0");

    @Test
    void shardingOnMakesTheReplicaAMemberThatBecomesReadyAndDrivesItsShare() {
        runner.withPropertyValues("tide.controller.sharding.enabled=true", "tide.controller.sharding.lease-duration=1s",
                "tide.controller.sharding.renew-deadline=800ms", "tide.controller.sharding.renew-period=200ms").run(context -> {
            assertThat(context).hasSingleBean(Membership.class).doesNotHaveBean("leaderElection");
            HealthIndicator readiness = context.getBean("scaleLoopsHealthIndicator", HealthIndicator.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> readiness.health().getStatus().equals(Status.UP));
            assertThat(readiness.health().getDetails()).containsEntry("standing", "driving").containsEntry("identity", "pod-0");

            ShardsEndpoint.Report report = context.getBean(ShardsEndpoint.class).shards();
            assertThat(report.mode()).isEqualTo("sharded");
            assertThat(report.members()).containsExactly("pod-0");
            assertThat(report.owners()).isEqualTo(Map.of("pod-0", Map.of("ScaledObject", 1)));
            assertThat(report.driven()).isEqualTo(Map.of("ScaledObject", 1));
            assertThat(report.apiRequestsPerMinute().total()).as("the member Lease's own requests").isPositive();
            assertThat(report.apiRequestsPerMinute().byVerb()).containsKey("get");
            assertThat(context.getBean(ShardsEndpoint.class).member("pod-0")).isEqualTo(Map.of("ScaledObject", java.util.List.of("team/orders")));
        });
        assertThat(MockCluster.CLIENT.leases().inNamespace("tide-system").withName("sharding-wiring-member-pod-0").get())
                .as("a replica that stops gives its Lease up").isNull();
    }

    @Test
    void shardingOffKeepsLeaderElection() {
        runner.withPropertyValues("tide.controller.scale-loops.enabled=false").run(context -> {
            assertThat(context).hasBean("leaderElection").doesNotHaveBean(Membership.class);
            assertThat(context.getBean(ShardsEndpoint.class).shards().mode()).isEqualTo("leader-election");
        });
    }

    @Test
    void timingsThatCannotFenceAreRefused() {
        runner.withPropertyValues("tide.controller.sharding.enabled=true", "tide.controller.sharding.renew-deadline=20s")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("leaseDuration > renewDeadline > renewPeriod"));
    }
}
