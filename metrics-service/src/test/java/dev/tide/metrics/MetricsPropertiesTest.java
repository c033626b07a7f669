package dev.tide.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class MetricsPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(MetricsProperties.class)
    static class Properties {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Properties.class);

    @Test
    void defaultsEverythingButTheControllerEndpoints() {
        runner.withPropertyValues("tide.metrics.controller.endpoints=https://a:8443,https://b:8443").run(context -> {
            MetricsProperties properties = context.getBean(MetricsProperties.class);
            assertThat(properties.controller().endpoints())
                    .containsExactly(URI.create("https://a:8443"), URI.create("https://b:8443"));
            assertThat(properties.controller().connectTimeout()).isEqualTo(Duration.ofSeconds(1));
            assertThat(properties.controller().readTimeout()).as("longer than the controller's budget for a live read")
                    .isEqualTo(Duration.ofSeconds(8));
            assertThat(properties.controller().lastKnownMaxAge()).isZero();
            assertThat(properties.auth().required()).isTrue();
            assertThat(properties.auth().userHeader()).isEqualTo("X-Remote-User");
            assertThat(properties.auth().allowedNames()).isEqualTo(List.of());
            assertThat(properties.certDir()).isEqualTo("/certs");
        });
    }

    @Test
    void refusesToStartWithoutAControllerEndpoint() {
        runner.withPropertyValues("tide.metrics.controller.read-timeout=1s").run(context -> assertThat(context)
                .hasFailed().getFailure().rootCause().hasMessageContaining("endpoints"));
    }
}
