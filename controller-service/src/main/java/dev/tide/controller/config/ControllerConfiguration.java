package dev.tide.controller.config;

import dev.tide.controller.observability.KubernetesRequestMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What every package shares: the Kubernetes client and the clock (each replaceable by a bean of one's own), the pools. */
@Configuration(proxyBeanMethods = false)
public class ControllerConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    KubernetesClient kubernetesClient(KubernetesRequestMetrics requests) {
        // Every request counted by verb and resource (tide_kubernetes_requests_total).
        return new KubernetesClientBuilder()
                .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor(KubernetesRequestMetrics.INTERCEPTOR, requests))
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The scale loops' scheduler and pools; the sampler pool and scheduler also run the source guards. */
    @Bean(destroyMethod = "close")
    LoopExecutors loopExecutors(ScaleLoopProperties properties) {
        return LoopExecutors.create(properties);
    }
}
