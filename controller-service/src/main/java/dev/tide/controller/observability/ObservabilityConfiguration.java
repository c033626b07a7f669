package dev.tide.controller.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** KEDA's Prometheus series on the application's meter registry (a simple one when there is none). */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    @Bean
    ScalingMetrics scalingMetrics(ObjectProvider<MeterRegistry> registry) {
        return new ScalingMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
    }
}
