package dev.tide.metrics;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the metrics service under {@code tide.metrics}.
 *
 * @param controller how to reach the controller's internal metrics API
 * @param auth who may call the external metrics API
 * @param certDir the folder the default SSL bundles read their PEM files from (tls.crt, tls.key,
 *     requestheader-client-ca.crt, controller-client.crt, controller-client.key, controller-ca.crt)
 */
@ConfigurationProperties("tide.metrics")
@Validated
record MetricsProperties(
        @Valid @NotNull Controller controller, @Valid @DefaultValue Auth auth, @DefaultValue("/certs") String certDir) {

    /**
     * How the metrics service asks the controller for values.
     *
     * @param endpoints base URLs of every controller replica (for example one per pod behind a headless
     *     Service); only the elected leader answers, the others reply 503 NotLeader
     * @param sslBundle name of the Spring Boot SSL bundle used for mutual TLS to the controller; empty
     *     for plain HTTP
     * @param connectTimeout how long to wait for a TCP (and TLS) connection to one replica
     * @param readTimeout how long to wait for one replica's answer; longer than the controller's own budget for a
     *     live read (its scaler timeout, 3 s, twice, plus the retry's backoff), so the HPA gets the controller's
     *     answer, the cause or the fallback value, instead of a time-out here
     * @param maxConnections keep-alive connections kept open to each replica at most
     * @param lastKnownMaxAge when the controller cannot be reached, serve the last value read from it if
     *     it is at most this old (logged and counted as such); zero turns this off, so an unreachable
     *     controller is always an error
     */
    record Controller(
            @NotEmpty List<@NotNull URI> endpoints,
            @DefaultValue("") String sslBundle,
            @DefaultValue("1s") @NotNull Duration connectTimeout,
            @DefaultValue("8s") @NotNull Duration readTimeout,
            @DefaultValue("64") @Positive int maxConnections,
            @DefaultValue("0s") @NotNull Duration lastKnownMaxAge) {

        Controller {
            // Left empty rather than null so validation, not binding, reports a missing list.
            endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        }
    }

    /**
     * Authentication of the caller, as the kube-apiserver's request-header authenticator does it: the
     * aggregator presents a client certificate signed by the request-header CA (the trust store of the
     * server's SSL bundle) and names the end user in {@code X-Remote-User}.
     *
     * @param required whether callers must authenticate at all; turn off only for local experiments
     * @param allowedNames common names accepted on the client certificate
     *     (requestheader-allowed-names); empty accepts any certificate the CA signed
     * @param userHeader the header that carries the end user's name
     * @param groupHeader the header that carries the end user's groups (may repeat)
     * @param allowedUsers users who may read metrics; empty with empty allowedGroups allows every
     *     authenticated user
     * @param allowedGroups groups whose members may read metrics
     */
    record Auth(
            @DefaultValue("true") boolean required,
            @DefaultValue List<String> allowedNames,
            @DefaultValue("X-Remote-User") @NotEmpty String userHeader,
            @DefaultValue("X-Remote-Group") @NotEmpty String groupHeader,
            @DefaultValue List<String> allowedUsers,
            @DefaultValue List<String> allowedGroups) {

        Auth {
            allowedNames = List.copyOf(allowedNames);
            allowedUsers = List.copyOf(allowedUsers);
            allowedGroups = List.copyOf(allowedGroups);
        }
    }
}
