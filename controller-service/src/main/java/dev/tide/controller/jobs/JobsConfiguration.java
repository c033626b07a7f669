package dev.tide.controller.jobs;

import dev.tide.controller.TideControllerApplication;
import dev.tide.controller.config.ControllerProperties;
import dev.tide.controller.config.LoopExecutors;
import dev.tide.controller.kube.EventRecorder;
import dev.tide.controller.kube.JobAccess;
import dev.tide.controller.kube.StatusWriter;
import dev.tide.controller.observability.ScalingMetrics;
import dev.tide.controller.sharding.Ownership;
import dev.tide.controller.sources.Sampler;
import dev.tide.controller.sources.PassRequests;
import dev.tide.controller.sources.ScalerCache;
import dev.tide.controller.sources.ScalerFactories;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the ScaledJob loops, their cluster access and their scalers. */
@Configuration(proxyBeanMethods = false)
public class JobsConfiguration {

    @Bean
    JobAccess jobAccess(KubernetesClient client, StatusWriter statusWriter, EventRecorder events, ControllerProperties properties) {
        return JobAccess.of(client, statusWriter, events, properties.watchNamespaces());
    }

    @Bean(destroyMethod = "close")
    JobScalers jobScalers(ScalerFactories factories, LoopExecutors executors, ControllerProperties properties) {
        return new JobScalers(new ScalerCache(factories, executors.pluginCalls(), properties.pluginCallTimeout(),
                // As KEDA, a ScaledJob's push scaler is polled only: its requests for a pass are not answered.
                new PassRequests()));
    }

    @Bean(destroyMethod = "close")
    JobLoops jobLoops(JobAccess access, Sampler sampler, ScalingMetrics metrics, Clock clock, LoopExecutors executors,
            Ownership ownership) {
        String version = TideControllerApplication.class.getPackage().getImplementationVersion();
        return new JobLoops(access, sampler, metrics, clock, executors, version == null ? "dev" : version, ownership);
    }
}
