package dev.tide.controller.admission;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the validating webhook, under {@code tide.webhooks}.
 *
 * @param enabled serve the webhook; off by default because it needs a certificate the API server trusts (the chart
 *     turns it on with its own)
 * @param port the HTTPS port, apart from the internal metrics API's, KEDA's 9443; 0 picks a free one (tests)
 * @param sslBundle the Spring Boot SSL bundle with the server certificate (one of spring.ssl.bundle.pem.*)
 * @param maxRequestSize larger AdmissionReviews are answered 413; an object and its old version fit well within 4 MB
 *     (the API server stores at most 1.5 MB per object)
 * @param threads requests answered at once; more wait in a queue of the same size, then get 503
 */
@Validated
@ConfigurationProperties("tide.webhooks")
public record WebhookProperties(
        @DefaultValue("false") boolean enabled,
        @Min(0) @Max(65535) @DefaultValue("9443") int port,
        Optional<String> sslBundle,
        @NotNull @DefaultValue("4MB") DataSize maxRequestSize,
        @Min(1) @DefaultValue("4") int threads) {

    public WebhookProperties {
        sslBundle = sslBundle == null ? Optional.empty() : sslBundle.filter(s -> !s.isBlank());
    }
}
