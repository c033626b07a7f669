package dev.tide.controller.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the controller, under {@code tide.controller}.
 *
 * @param watchNamespaces namespaces whose ScaledObjects are reconciled; empty means all (KEDA's WATCH_NAMESPACE)
 * @param labelSelector only ScaledObjects matching this label selector are reconciled (KEDA's WATCH_LABEL_SELECTOR)
 * @param clusterObjectNamespace where the Secrets and ConfigMaps of ClusterTriggerAuthentications are read from
 *     (KEDA's KEDA_CLUSTER_OBJECT_NAMESPACE); by default the namespace the controller runs in
 * @param pluginsDir folder of drop-in scaler plugins (one jar or sub-folder per plugin); a missing folder means the
 *     built-in scalers only
 * @param maxConcurrentReconciles ScaledObjects reconciled at the same time (KEDA's KEDA_SCALEDOBJECT_CTRL_MAX_RECONCILES)
 * @param retryInitialInterval first wait before a failed reconcile is retried; doubled up to retry-max-interval
 * @param retryMaxInterval longest wait between two retries of a failed reconcile; retries never stop
 * @param cacheSyncTimeout how long startup waits for the informers; an RBAC error fails startup instead of hanging
 * @param scalerTimeout how long one call to an event source may take (KEDA's KEDA_HTTP_DEFAULT_TIMEOUT)
 * @param pluginCallTimeout how long a reconcile waits for a plugin to build a trigger's scaler; a build still running
 *     then goes on in the background and the reconcile is retried with backoff
 */
@Validated
@ConfigurationProperties("tide.controller")
public record ControllerProperties(
        @DefaultValue Set<String> watchNamespaces,
        Optional<String> labelSelector,
        @NotBlank @DefaultValue("tide") String clusterObjectNamespace,
        @NotNull @DefaultValue("/opt/tide/plugins") Path pluginsDir,
        @Min(1) @DefaultValue("5") int maxConcurrentReconciles,
        @NotNull @DefaultValue("1s") Duration retryInitialInterval,
        @NotNull @DefaultValue("5m") Duration retryMaxInterval,
        @NotNull @DefaultValue("2m") Duration cacheSyncTimeout,
        @NotNull @DefaultValue("3s") Duration scalerTimeout,
        @NotNull @DefaultValue("5s") Duration pluginCallTimeout) {

    public ControllerProperties {
        watchNamespaces = watchNamespaces == null ? Set.of() : Set.copyOf(watchNamespaces);
        labelSelector = labelSelector == null ? Optional.empty() : labelSelector.filter(s -> !s.isBlank());
    }
}
