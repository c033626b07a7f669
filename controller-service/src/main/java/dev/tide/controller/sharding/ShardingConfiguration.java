package dev.tide.controller.sharding;

import dev.tide.controller.observability.KubernetesRequestMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The shards diagnostics endpoint; the membership itself is wired with leader election, which it replaces. */
@Configuration(proxyBeanMethods = false)
public class ShardingConfiguration {

    @Bean
    ShardsEndpoint shardsEndpoint(Ownership ownership, ObjectProvider<Membership> membership, List<ShardedWork> work,
            MeterRegistry registry, KubernetesRequestMetrics requests) {
        return new ShardsEndpoint(ownership, membership, work, registry, requests);
    }
}
