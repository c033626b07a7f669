package dev.tide.metrics;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
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
        // Apache's blocking client calls on the request's own thread (no hand-off to a selector thread) over
        // pooled keep-alive connections. Its own retries are off: a standby's 503 means "ask the next
        // replica" now, not "wait and ask this one again". Connection state from the client certificate is off
        // because it would tie each pooled connection to a user token no request carries, so none would be
        // reused and every call would pay a TLS handshake. With TLS, each request carries the SSL bundle's
        // generation as its token instead (RenewableClientTls), so renewed files reach the next requests.
        int connections = controller.maxConnections();
        HttpComponentsClientHttpRequestFactoryBuilder requestFactory = ClientHttpRequestFactoryBuilder.httpComponents()
                .withHttpClientCustomizer(client -> client.disableAutomaticRetries().disableConnectionState())
                .withConnectionManagerCustomizer(pool -> pool
                        .setMaxConnPerRoute(connections)
                        .setMaxConnTotal(connections * controller.endpoints().size()));
        if (!controller.sslBundle().isBlank()) {
            SslBundle bundle = sslBundles.getBundle(controller.sslBundle());
            settings = settings.withSslBundle(bundle);
            requestFactory = RenewableClientTls.follow(sslBundles, controller.sslBundle(), bundle).applyTo(requestFactory);
        }
        return new ControllerClient(controller.endpoints(), builder, requestFactory.build(settings));
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
