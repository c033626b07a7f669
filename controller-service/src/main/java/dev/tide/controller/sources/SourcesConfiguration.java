package dev.tide.controller.sources;

import dev.tide.controller.config.ControllerProperties;
import dev.tide.controller.observability.ScalingMetrics;
import dev.tide.controller.config.LoopExecutors;
import dev.tide.scaler.host.PluginLoader;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the event-source side: scaler factories from the plugin registry, the scaler cache, guards and the sampler. */
@Configuration(proxyBeanMethods = false)
public class SourcesConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    RegistryScalerFactories scalerFactories(ControllerProperties properties) {
        return new RegistryScalerFactories(PluginLoader.load(properties.pluginsDir(), SourcesConfiguration.class.getClassLoader()));
    }

    /** Where the ScaledObjects' push scalers ask for a pass; the scale loops answer. */
    @Bean
    PassRequests passRequests() {
        return new PassRequests();
    }

    @Bean(destroyMethod = "close")
    ScalerCache scalerCache(ScalerFactories factories, LoopExecutors executors, ControllerProperties properties,
            PassRequests passRequests) {
        return new ScalerCache(factories, executors.pluginCalls(), properties.pluginCallTimeout(), passRequests);
    }

    @Bean
    SourceGuards sourceGuards(ObjectProvider<CircuitBreakerRegistry> circuitBreakers, ObjectProvider<BulkheadRegistry> bulkheads,
            ObjectProvider<RetryRegistry> retries, LoopExecutors executors, ScalingMetrics metrics) {
        return new SourceGuards(circuitBreakers.getIfAvailable(CircuitBreakerRegistry::ofDefaults),
                bulkheads.getIfAvailable(() -> BulkheadRegistry.of(BulkheadConfig.custom().maxConcurrentCalls(16).build())),
                retries.getIfAvailable(RetryRegistry::ofDefaults), executors.samplers(), executors.scheduler(), metrics.registry());
    }

    @Bean
    Sampler sampler(SourceGuards guards, ScalingMetrics metrics, Clock clock) {
        return new Sampler(guards, metrics, clock);
    }
}
