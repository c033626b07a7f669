package dev.tide.controller.leader;

import dev.tide.controller.config.ControllerProperties;
import dev.tide.controller.config.LeaderWork;
import dev.tide.controller.config.ScaleLoopProperties;
import dev.tide.controller.sharding.Membership;
import dev.tide.controller.sharding.Ownership;
import dev.tide.controller.sharding.ShardedWork;
import dev.tide.controller.sharding.ShardingProperties;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who runs the loops: leader election on a Lease (the leader runs them all), or, with
 * {@code tide.controller.sharding.enabled}, membership Leases that share the objects among the replicas.
 */
@Configuration(proxyBeanMethods = false)
public class LeaderConfiguration {

    /** Replaces leader election: every replica drives the objects that hash to it while its member Lease is valid. */
    @Bean
    @ConditionalOnBooleanProperty("tide.controller.sharding.enabled")
    @ConditionalOnBooleanProperty(name = "tide.controller.scale-loops.enabled", matchIfMissing = true)
    Membership membership(KubernetesClient client, LeaderElectionProperties election, ShardingProperties sharding,
            ControllerProperties controller, Clock clock, Ownership ownership, List<ShardedWork> loops) {
        return Membership.create(client, leaseNamespace(election, controller), election.leaseName(), identity(election), sharding,
                clock, ownership, loops);
    }

    /** Declared after {@link #membership}, which it gives way to. */
    @Bean
    @ConditionalOnMissingBean(Membership.class)
    LeaderElection leaderElection(KubernetesClient client, LeaderElectionProperties properties, ControllerProperties controller,
            ScaleLoopProperties loopProperties, List<LeaderWork> loops) {
        return new LeaderElection(client, properties, leaseNamespace(properties, controller), identity(properties), loops,
                loopProperties.enabled());
    }

    /** In the readiness group (application.yaml): the leader, or a member, is not ready until its loops have started. */
    @Bean
    ScaleLoopsHealthIndicator scaleLoopsHealthIndicator(ObjectProvider<LeaderElection> election, ObjectProvider<Membership> membership) {
        Membership member = membership.getIfAvailable();
        if (member != null) {
            return new ScaleLoopsHealthIndicator(member.identity(), member::standing);
        }
        return new ScaleLoopsHealthIndicator(election.getObject());
    }

    private static String leaseNamespace(LeaderElectionProperties properties, ControllerProperties controller) {
        return properties.leaseNamespace().orElse(controller.clusterObjectNamespace());
    }

    private static String identity(LeaderElectionProperties properties) {
        return properties.identity().orElseGet(() -> {
            String host = System.getenv("HOSTNAME");
            return host == null || host.isBlank() ? "tide-controller-" + UUID.randomUUID() : host;
        });
    }
}
