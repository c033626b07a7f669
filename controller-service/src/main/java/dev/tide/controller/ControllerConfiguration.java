package dev.tide.controller;

import dev.tide.scaler.api.plugins.PluginLoader;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the reconciler; the Kubernetes client and the scaler factories can be replaced by beans of one's own. */
@Configuration(proxyBeanMethods = false)
final class ControllerConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    KubernetesClient kubernetesClient() {
        return new KubernetesClientBuilder().build();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    RegistryScalerFactories scalerFactories(ControllerProperties properties) {
        return new RegistryScalerFactories(PluginLoader.load(properties.pluginsDir(), ControllerConfiguration.class.getClassLoader()));
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    ScalerCache scalerCache(ScalerFactories factories) {
        return new ScalerCache(factories);
    }

    @Bean
    ScaledObjectReconciler scaledObjectReconciler(KubernetesClient client, ScalerFactories factories, ScalerCache scalerCache,
            ControllerProperties properties, Clock clock, ScaleLoops loops) {
        String version = TideControllerApplication.class.getPackage().getImplementationVersion();
        return new ScaledObjectReconciler(client, new ScaleTargets(client), factories, scalerCache, new HpaSync(client),
                new EventRecorder(client, clock), new TriggerAuthenticationUsers(client), properties, version == null ? "dev" : version,
                loops);
    }

    @Bean
    OperatorLifecycle operatorLifecycle(KubernetesClient client, ScaledObjectReconciler reconciler, ControllerProperties properties) {
        Operator operator = new Operator(o -> o
                .withKubernetesClient(client)
                .withCloseClientOnStop(false)
                // The status is written with a JSON patch of the status subresource, which every API server (and
                // the fabric8 mock server) supports; server-side apply would also own fields KEDA users edit.
                .withUseSSAToPatchPrimaryResource(false)
                .withConcurrentReconciliationThreads(properties.maxConcurrentReconciles())
                .withStopOnInformerErrorDuringStartup(true)
                .withCacheSyncTimeout(properties.cacheSyncTimeout()));
        operator.register(reconciler, c -> {
            // All events reach the reconciler, which manages KEDA's finalizer itself (see ScaledObjectReconciler).
            c.withTriggerReconcilerOnAllEvents(true)
                    // The filter below also passes annotation changes, which a generation-aware filter would drop.
                    .withGenerationAware(false)
                    .withOnUpdateFilter(new ReconcileFilter())
                    .withRetry(new GenericRetry()
                            .setInitialInterval(properties.retryInitialInterval().toMillis())
                            .setIntervalMultiplier(2)
                            .setMaxInterval(properties.retryMaxInterval().toMillis())
                            .withoutMaxAttempts());
            if (properties.watchNamespaces().isEmpty()) {
                c.watchingAllNamespaces();
            } else {
                c.settingNamespaces(properties.watchNamespaces());
            }
            properties.labelSelector().ifPresent(c::withLabelSelector);
        });
        return new OperatorLifecycle(operator);
    }
}
