package dev.tide.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.util.FileSystemUtils;

/**
 * Mutual TLS to the controller through a Spring Boot SSL bundle: a WireMock controller that demands a
 * client certificate signed by the controller's CA answers the metrics service's client, and refuses a
 * client without one.
 */
class ControllerMutualTlsIT {

    private static final Path PKI = pki();
    private static final TestPki CONTROLLER_CA = TestPki.authority("tide-controller-ca");
    private static final MetricKey KEY = new MetricKey("default", "orders", "s0-kafka-orders");

    static {
        CONTROLLER_CA.server("tide-controller").writePkcs12(PKI.resolve("controller.p12"));
        CONTROLLER_CA.writeTrustStore(PKI.resolve("controller-trust.p12"));
        CONTROLLER_CA.writeCertificate(PKI, "controller-ca");
        CONTROLLER_CA.client("tide-metrics-service").writePem(PKI, "controller-client");
    }

    @RegisterExtension
    static final WireMockExtension controller = WireMockExtension.newInstance().options(wireMockConfig()
                    .httpDisabled(true)
                    .dynamicHttpsPort()
                    .keystoreType("PKCS12")
                    .keystorePath(PKI.resolve("controller.p12").toString())
                    .keystorePassword(new String(TestPki.PASSWORD))
                    .keyManagerPassword(new String(TestPki.PASSWORD))
                    .needClientAuth(true)
                    .trustStoreType("PKCS12")
                    .trustStorePath(PKI.resolve("controller-trust.p12").toString())
                    .trustStorePassword(new String(TestPki.PASSWORD)))
            .build();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, JacksonAutoConfiguration.class,
                    HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
                    RestClientAutoConfiguration.class))
            .withUserConfiguration(Collaborators.class, MetricsServiceConfiguration.class)
            .withPropertyValues(
                    "tide.metrics.controller.ssl-bundle=controller",
                    "spring.ssl.bundle.pem.controller.truststore.certificate=file:" + PKI.resolve("controller-ca.crt"));

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(MetricsProperties.class)
    static class Collaborators {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        CircuitBreakerRegistry circuitBreakerRegistry() {
            return CircuitBreakerRegistry.ofDefaults();
        }
    }

    @AfterAll
    static void removeKeys() throws IOException {
        FileSystemUtils.deleteRecursively(PKI);
    }

    @BeforeEach
    void stub() {
        controller.stubFor(get(anyUrl()).willReturn(okJson("""
                {"namespace":"default","scaledObject":"orders","metricName":"s0-kafka-orders",
                 "values":[{"metricName":"s0-kafka-orders","value":"42","timestamp":"2026-11-29T07:52:10Z"}],
                 "fromLastPoll":false,"fallback":false}""")));
    }

    @Test
    void readsFromTheControllerWithTheClientCertificateOfTheSslBundle() {
        runner.withPropertyValues(
                        "tide.metrics.controller.endpoints=https://localhost:" + controller.getHttpsPort(),
                        "spring.ssl.bundle.pem.controller.keystore.certificate=file:" + PKI.resolve("controller-client.crt"),
                        "spring.ssl.bundle.pem.controller.keystore.private-key=file:" + PKI.resolve("controller-client.key"))
                .run(context -> {
                    ControllerMetric metric = context.getBean(ControllerClient.class).fetch(KEY);

                    assertThat(metric.values()).singleElement()
                            .satisfies(value -> assertThat(value.value()).isEqualTo("42"));
                });
    }

    @Test
    void isRefusedByTheControllerWithoutAClientCertificate() {
        runner.withPropertyValues("tide.metrics.controller.endpoints=https://localhost:" + controller.getHttpsPort())
                .run(context -> assertThatThrownBy(() -> context.getBean(ControllerClient.class).fetch(KEY))
                        .isInstanceOfSatisfying(MetricReadException.Failure.class,
                                e -> assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE))
                        .hasMessageContaining("localhost:" + controller.getHttpsPort() + " failed"));
    }

    private static Path pki() {
        try {
            return Files.createTempDirectory("tide-controller-pki");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
