package dev.tide.controller;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the scale loops, their guards and metrics, leader election and the metrics API. */
@Configuration(proxyBeanMethods = false)
final class ScalingConfiguration {

    /** The scheduler, the worker, sampler and writer pools of the scale loops, shut down with the context. */
    record LoopExecutors(ScheduledExecutorService scheduler, ExecutorService workers, ExecutorService samplers,
            ExecutorService writers) implements AutoCloseable {

        static LoopExecutors create(ScaleLoopProperties properties) {
            ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, threads("tide-scale-scheduler"));
            scheduler.setRemoveOnCancelPolicy(true);
            return new LoopExecutors(scheduler,
                    Executors.newFixedThreadPool(properties.workerThreads(), threads("tide-scale-loop")),
                    Executors.newFixedThreadPool(properties.samplerThreads(), threads("tide-sampler")),
                    Executors.newFixedThreadPool(properties.writerThreads(), threads("tide-scale-writer")));
        }

        @Override
        public void close() {
            scheduler.shutdownNow();
            workers.shutdownNow();
            samplers.shutdownNow();
            writers.shutdown();
        }

        private static ThreadFactory threads(String prefix) {
            AtomicInteger count = new AtomicInteger();
            return runnable -> {
                Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
        }
    }

    @Bean(destroyMethod = "close")
    LoopExecutors loopExecutors(ScaleLoopProperties properties) {
        return LoopExecutors.create(properties);
    }

    @Bean
    ScalingMetrics scalingMetrics(ObjectProvider<MeterRegistry> registry) {
        return new ScalingMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    SourceGuards sourceGuards(ObjectProvider<CircuitBreakerRegistry> circuitBreakers, ObjectProvider<BulkheadRegistry> bulkheads,
            ObjectProvider<RetryRegistry> retries, LoopExecutors executors) {
        return new SourceGuards(circuitBreakers.getIfAvailable(CircuitBreakerRegistry::ofDefaults),
                bulkheads.getIfAvailable(() -> BulkheadRegistry.of(BulkheadConfig.custom().maxConcurrentCalls(16).build())),
                retries.getIfAvailable(RetryRegistry::ofDefaults), executors.samplers(), executors.scheduler());
    }

    @Bean(destroyMethod = "close")
    ScaleLoops scaleLoops(KubernetesClient client, SourceGuards guards, ScalingMetrics metrics, Clock clock, LoopExecutors executors,
            ControllerProperties controller) {
        return new ScaleLoops(ClusterAccess.of(client, new EventRecorder(client, clock), controller.watchNamespaces()), guards, metrics, clock,
                executors.scheduler(), executors.workers(), executors.writers(), client.getKubernetesSerialization());
    }

    @Bean
    LeaderElection leaderElection(KubernetesClient client, LeaderElectionProperties properties, ControllerProperties controller,
            ScaleLoopProperties loopProperties, ScaleLoops loops) {
        String namespace = properties.leaseNamespace().orElse(controller.clusterObjectNamespace());
        String identity = properties.identity().orElseGet(() -> {
            String host = System.getenv("HOSTNAME");
            return host == null || host.isBlank() ? "tide-controller-" + UUID.randomUUID() : host;
        });
        return new LeaderElection(client, properties, namespace, identity, loops, loopProperties.enabled());
    }

    @Bean
    MetricsReader metricsReader(ScaleLoops loops) {
        return new MetricsReader(loops);
    }
}
