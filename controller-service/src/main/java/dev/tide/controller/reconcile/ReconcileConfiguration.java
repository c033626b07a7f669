package dev.tide.controller.reconcile;

import dev.tide.controller.TideControllerApplication;
import dev.tide.controller.config.ControllerProperties;
import dev.tide.controller.hpa.HpaSync;
import dev.tide.controller.jobs.JobLoops;
import dev.tide.controller.jobs.JobScalers;
import dev.tide.controller.kube.ApiClusterView;
import dev.tide.controller.kube.EventRecorder;
import dev.tide.controller.kube.JobAccess;
import dev.tide.controller.kube.ScaleClient;
import dev.tide.controller.kube.StatusWriter;
import dev.tide.controller.kube.TriggerAuthenticationUsers;
import dev.tide.controller.scaling.ScaleLoops;
import dev.tide.controller.sources.ScalerCache;
import dev.tide.keda.api.validation.KedaValidator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the ScaledObject reconciler into a Java Operator SDK operator that starts and stops with the context. */
@Configuration(proxyBeanMethods = false)
public class ReconcileConfiguration {

    @Bean
    ScaledObjectReconciler scaledObjectReconciler(KubernetesClient client, ScaleClient scaleClient, StatusWriter statusWriter,
            EventRecorder events, KedaValidator validator, ApiClusterView clusterView, ScalerCache scalerCache,
            ControllerProperties properties, ScaleLoops loops) {
        String version = TideControllerApplication.class.getPackage().getImplementationVersion();
        var collaborators = new ScaledObjectReconciler.Collaborators(client, scaleClient, statusWriter, events,
                new HpaSync(client), new TriggerAuthenticationUsers(client), loops);
        return new ScaledObjectReconciler(collaborators, new SpecChecks(validator, clusterView),
                new TriggerConfigs(client, scaleClient, properties),
                scalerCache, version == null ? "dev" : version);
    }

    @Bean
    ScaledJobReconciler scaledJobReconciler(KubernetesClient client, ScaleClient scaleClient, StatusWriter statusWriter,
            EventRecorder events, KedaValidator validator, ControllerProperties properties, JobScalers scalers, JobLoops loops,
            JobAccess jobs) {
        return new ScaledJobReconciler(new ScaledJobReconciler.Collaborators(client, statusWriter, events, validator,
                new TriggerConfigs(client, scaleClient, properties), scalers, loops, jobs, new TriggerAuthenticationUsers(client)));
    }

    @Bean
    OperatorLifecycle operatorLifecycle(KubernetesClient client, ScaledObjectReconciler reconciler,
            ScaledJobReconciler jobReconciler, ControllerProperties properties) {
        Operator operator = new Operator(o -> o
                .withKubernetesClient(client)
                .withCloseClientOnStop(false)
                // The status is written with a JSON patch of the status subresource, which every API server (and
                // the fabric8 mock server) supports; server-side apply would also own fields KEDA users edit.
                .withUseSSAToPatchPrimaryResource(false)
                .withConcurrentReconciliationThreads(properties.maxConcurrentReconciles())
                .withStopOnInformerErrorDuringStartup(true)
                .withCacheSyncTimeout(properties.cacheSyncTimeout()));
        operator.register(reconciler, c -> configure(c, properties));
        operator.register(jobReconciler, c -> configure(c, properties));
        return new OperatorLifecycle(operator);
    }

    /** In the readiness group (application.yaml): not ready until the informers have synced. */
    @Bean
    InformersHealthIndicator informersHealthIndicator(OperatorLifecycle operator) {
        return new InformersHealthIndicator(operator);
    }

    /** The same settings for both controllers: every event reaches the reconciler, which manages KEDA's finalizer. */
    private static <T extends HasMetadata> void configure(ControllerConfigurationOverrider<T> c, ControllerProperties properties) {
        // All events reach the reconciler, which manages KEDA's finalizer itself (see ScaledObjectReconciler).
        c.withTriggerReconcilerOnAllEvents(true)
                // The filter below also passes annotation changes, which a generation-aware filter would drop.
                .withGenerationAware(false)
                .withOnUpdateFilter(new ReconcileFilter<>())
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
    }
}
