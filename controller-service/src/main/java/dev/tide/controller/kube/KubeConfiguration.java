package dev.tide.controller.kube;

import dev.tide.controller.config.ControllerProperties;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one client per written resource: {@code /scale}, ScaledObject status, events; and the loops' view of them. */
@Configuration(proxyBeanMethods = false)
public class KubeConfiguration {

    /**
     * Replica counts of Deployments and StatefulSets in the watched namespaces, on every replica (a standby that takes
     * the lead starts with a warm cache); until synced, reads go to the API server.
     */
    @Bean(initMethod = "start", destroyMethod = "close")
    ReplicaCache replicaCache(KubernetesClient client, ControllerProperties properties) {
        return ReplicaCache.informing(client, properties.watchNamespaces());
    }

    @Bean
    ScaleClient scaleClient(KubernetesClient client, ReplicaCache replicaCache) {
        return new ScaleClient(client, replicaCache);
    }

    @Bean
    StatusWriter statusWriter(KubernetesClient client) {
        return new StatusWriter(client);
    }

    @Bean
    EventRecorder eventRecorder(KubernetesClient client, Clock clock) {
        return new EventRecorder(client, clock);
    }

    @Bean
    ClusterAccess clusterAccess(KubernetesClient client, ScaleClient scaleClient, StatusWriter statusWriter, EventRecorder events,
            ControllerProperties properties) {
        return ClusterAccess.of(client, scaleClient, statusWriter, events, properties.watchNamespaces());
    }
}
