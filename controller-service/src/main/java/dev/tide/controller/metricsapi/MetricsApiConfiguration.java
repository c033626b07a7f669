package dev.tide.controller.metricsapi;

import dev.tide.controller.scaling.PublishedMetrics;
import dev.tide.controller.sharding.Ownership;
import dev.tide.controller.sources.Sampler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The internal metrics REST API over the scale loops' published snapshot. */
@Configuration(proxyBeanMethods = false)
public class MetricsApiConfiguration {

    @Bean
    MetricsReader metricsReader(PublishedMetrics published, Sampler sampler, Ownership ownership) {
        return new MetricsReader(published, sampler, ownership);
    }
}
