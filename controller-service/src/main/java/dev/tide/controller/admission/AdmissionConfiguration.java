package dev.tide.controller.admission;

import dev.tide.admission.AdmissionReviews;
import dev.tide.admission.PluginParameters;
import dev.tide.controller.config.ControllerProperties;
import dev.tide.controller.config.LoopExecutors;
import dev.tide.controller.kube.ApiClusterView;
import dev.tide.controller.kube.InformedClusterView;
import dev.tide.controller.sources.ScalerFactories;
import dev.tide.keda.api.validation.KedaValidator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The validator every check goes through, and the webhook server when {@code tide.webhooks.enabled}. */
@Configuration(proxyBeanMethods = false)
public class AdmissionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AdmissionConfiguration.class);

    /** Plugin checks run on the plugin-call pool with the plugin-call deadline, as scaler builds do. */
    @Bean
    KedaValidator kedaValidator(ScalerFactories factories, LoopExecutors executors, ControllerProperties properties) {
        return new KedaValidator(new PluginParameters(factories::factory, factories::types, executors.pluginCalls(),
                properties.pluginCallTimeout()));
    }

    @Bean
    ApiClusterView apiClusterView(KubernetesClient client) {
        return new ApiClusterView(client);
    }

    /** ScaledObjects and HPAs in memory on every replica, so an apply costs the webhook no LIST. */
    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnProperty(name = "tide.webhooks.enabled", havingValue = "true")
    InformedClusterView webhookClusterView(KubernetesClient client, ControllerProperties controller, ApiClusterView direct) {
        return new InformedClusterView(client, controller.watchNamespaces(), direct);
    }

    @Bean
    @ConditionalOnProperty(name = "tide.webhooks.enabled", havingValue = "true")
    WebhookServer webhookServer(WebhookProperties properties, KedaValidator validator, InformedClusterView cluster,
            SslBundles sslBundles, MeterRegistry registry) {
        String bundleName = properties.sslBundle().orElseThrow(() -> new IllegalStateException(
                "tide.webhooks.enabled is true but tide.webhooks.ssl-bundle names no SSL bundle: the API server only calls"
                        + " webhooks over HTTPS. Set tide.webhooks.ssl-bundle to a spring.ssl.bundle.pem.<name> with the"
                        + " webhook's certificate, or set tide.webhooks.enabled=false"));
        SslBundle bundle = sslBundles.getBundle(bundleName);
        RenewableKeyManager keys = new RenewableKeyManager(bundle);
        // Renewed files (reload-on-update) reach new handshakes through the key manager; the server keeps running.
        sslBundles.addBundleUpdateHandler(bundleName, renewed -> {
            keys.use(renewed);
            log.info("The webhook now serves the renewed certificate of SSL bundle {}", bundleName);
        });
        return new WebhookServer(properties, new AdmissionReviews(validator, cluster), new WebhookMetrics(registry),
                keys.sslContext(bundle));
    }
}
