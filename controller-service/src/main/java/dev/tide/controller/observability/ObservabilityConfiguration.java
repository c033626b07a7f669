package dev.tide.controller.observability;

import ch.qos.logback.classic.LoggerContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** KEDA's Prometheus series on the application's meter registry (a simple one when there is none). */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    /**
     * Boot's scrape endpoint, replaced by one with KEDA's names for its two {@code _total} gauges, and
     * {@code keda_build_info} on the Prometheus registry, when Boot has them (auto-configured after this class, so
     * a post-processor rather than a condition).
     */
    @Bean
    static BeanPostProcessor kedaScrapeNames(ObjectProvider<PrometheusRegistry> registry, ObjectProvider<PrometheusConfig> config) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof PrometheusRegistry prometheus) {
                    BuildInfo.register(prometheus, ObservabilityConfiguration.class.getPackage().getImplementationVersion(), null);
                }
                if (bean.getClass() == PrometheusScrapeEndpoint.class) {
                    return new KedaNamesScrapeEndpoint(registry.getObject(), config.getObject().prometheusProperties());
                }
                return bean;
            }
        };
    }

    @Bean
    ScalingMetrics scalingMetrics(ObjectProvider<MeterRegistry> registry) {
        return new ScalingMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    /** Counts the requests of the controller's Kubernetes client (the interceptor it is built with). */
    @Bean
    KubernetesRequestMetrics kubernetesRequestMetrics(ObjectProvider<MeterRegistry> registry, Clock clock) {
        return new KubernetesRequestMetrics(registry.getIfAvailable(SimpleMeterRegistry::new), clock);
    }

    /**
     * Kafka's clients log a line per reconnect attempt to a dead cluster, many a second; at most one line per
     * cluster and message per minute gets through. Installed once logging is set up (Spring Boot resets logback first).
     */
    @Bean
    RepeatedLogThrottle kafkaLogThrottle() {
        RepeatedLogThrottle throttle = new RepeatedLogThrottle("org.apache.kafka", Duration.ofMinutes(1), System::nanoTime);
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            throttle.setContext(context);
            throttle.start();
            context.addTurboFilter(throttle);
        }
        return throttle;
    }
}
