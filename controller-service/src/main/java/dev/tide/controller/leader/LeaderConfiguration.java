package dev.tide.controller.leader;

import dev.tide.controller.config.ControllerProperties;
import dev.tide.controller.config.LeaderWork;
import dev.tide.controller.config.ScaleLoopProperties;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Leader election on a Lease; the leader runs the scale loops. */
@Configuration(proxyBeanMethods = false)
public class LeaderConfiguration {

    @Bean
    LeaderElection leaderElection(KubernetesClient client, LeaderElectionProperties properties, ControllerProperties controller,
            ScaleLoopProperties loopProperties, List<LeaderWork> loops) {
        String namespace = properties.leaseNamespace().orElse(controller.clusterObjectNamespace());
        String identity = properties.identity().orElseGet(() -> {
            String host = System.getenv("HOSTNAME");
            return host == null || host.isBlank() ? "tide-controller-" + UUID.randomUUID() : host;
        });
        return new LeaderElection(client, properties, namespace, identity, loops, loopProperties.enabled());
    }

    /** In the readiness group (application.yaml): the leader is not ready until its loops have started. */
    @Bean
    ScaleLoopsHealthIndicator scaleLoopsHealthIndicator(LeaderElection election) {
        return new ScaleLoopsHealthIndicator(election);
    }
}
