package dev.tide.controller.kube;

import dev.tide.controller.config.ControllerProperties;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one client per written resource: {@code /scale}, ScaledObject status, events; and the loops' view of them. */
@Configuration(proxyBeanMethods = false)
public class KubeConfiguration {

    @Bean
    ScaleClient scaleClient(KubernetesClient client) {
        return new ScaleClient(client);
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
