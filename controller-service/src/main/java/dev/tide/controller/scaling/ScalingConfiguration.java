package dev.tide.controller.scaling;

import dev.tide.controller.config.LoopExecutors;
import dev.tide.controller.kube.ClusterAccess;
import dev.tide.controller.observability.ScalingMetrics;
import dev.tide.controller.sharding.Ownership;
import dev.tide.controller.sources.PassRequests;
import dev.tide.controller.sources.Sampler;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the scale loops and the snapshot they publish. */
@Configuration(proxyBeanMethods = false)
public class ScalingConfiguration {

    @Bean
    PublishedMetrics publishedMetrics() {
        return new PublishedMetrics();
    }

    /** Which objects this replica drives: everything it registers, unless the membership shards them. */
    @Bean
    Ownership ownership(Clock clock) {
        return new Ownership(clock);
    }

    @Bean(destroyMethod = "close")
    ScaleLoops scaleLoops(ClusterAccess cluster, Sampler sampler, ScalingMetrics metrics, Clock clock, LoopExecutors executors,
            PublishedMetrics published, PassRequests passRequests, Ownership ownership) {
        return new ScaleLoops(cluster, sampler, metrics, clock, executors, published, passRequests, ownership);
    }
}
