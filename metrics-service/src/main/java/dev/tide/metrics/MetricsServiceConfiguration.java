package dev.tide.metrics;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** Wires the metrics service: the controller client, the reader in front of it, and caller authentication. */
@Configuration(proxyBeanMethods = false)
final class MetricsServiceConfiguration {

    /** The resilience4j circuit breaker instance guarding the controller (configured under resilience4j.*). */
    static final String BREAKER = "controller";

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ControllerClient controllerClient(MetricsProperties properties, RestClient.Builder builder, SslBundles sslBundles) {
        MetricsProperties.Controller controller = properties.controller();
        HttpClientSettings settings = HttpClientSettings.defaults()
                .withTimeouts(controller.connectTimeout(), controller.readTimeout());
        if (!controller.sslBundle().isBlank()) {
            settings = settings.withSslBundle(sslBundles.getBundle(controller.sslBundle()));
        }
        // Apache's blocking client calls on the request's own thread (no hand-off to a selector thread) over
        // pooled keep-alive connections. Its own retries are off: a standby's 503 means "ask the next
        // replica" now, not "wait and ask this one again". Connection state is off because with a client
        // certificate it ties each pooled connection to a user token no request carries, so none would be
        // reused and every call would pay a TLS handshake.
        int connections = controller.maxConnections();
        ClientHttpRequestFactory requestFactory = ClientHttpRequestFactoryBuilder.httpComponents()
                .withHttpClientCustomizer(client -> client.disableAutomaticRetries().disableConnectionState())
                .withConnectionManagerCustomizer(pool -> pool
                        .setMaxConnPerRoute(connections)
                        .setMaxConnTotal(connections * controller.endpoints().size()))
                .build(settings);
        return new ControllerClient(controller.endpoints(), builder, requestFactory);
    }

    @Bean
    MetricReader metricReader(ControllerClient client, CircuitBreakerRegistry breakers, MeterRegistry registry,
            Clock clock, MetricsProperties properties) {
        return new MetricReader(client, breakers.circuitBreaker(BREAKER), registry, clock,
                properties.controller().lastKnownMaxAge());
    }

    @Bean
    FilterRegistrationBean<AggregatorAuthFilter> aggregatorAuthFilter(MetricsProperties properties, JsonMapper json) {
        FilterRegistrationBean<AggregatorAuthFilter> registration =
                new FilterRegistrationBean<>(new AggregatorAuthFilter(properties.auth(), json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
