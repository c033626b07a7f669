package dev.tide.scaler.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.TriggerCheck;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.params.Source;
import dev.tide.scaler.external.testing.TestCertificates;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the factory decides without a server: redaction, TLS material refusals, connection keys, offline checks. */
class PrometheusScalerFactoryTest {

    private static final Map<String, String> SECRETS = Map.of("bearerToken", "tok-SECRET", "password", "pw-SECRET",
            "customAuthValue", "cv-SECRET", "clientSecret", "cs-SECRET", "apiKey", "ak-SECRET", "key", "key-SECRET");

    private static final TestCertificates CA = TestCertificates.authority("factory-test-ca");

    private final PrometheusScalerFactory factory = new PrometheusScalerFactory(new PrometheusClients(), Clock.systemUTC());

    private static TriggerConfig config(Map<String, String> extra, Map<String, String> auth) {
        Map<String, String> metadata = new HashMap<>(Map.of("serverAddress", "http://prometheus:9090", "query", "up",
                "threshold", "10"));
        metadata.putAll(extra);
        return TriggerConfig.builder("prometheus").metadata(metadata).authParams(auth).build();
    }

    @Test
    void secretsAppearInNoToStringAndNoMessage() {
        TriggerConfig config = config(Map.of("authModes", "bearer"), SECRETS);
        PrometheusTrigger trigger = PrometheusTrigger.parse(config);
        try (Scaler scaler = factory.create(config)) {
            assertThat(trigger + " " + scaler + " " + config).doesNotContain("SECRET");
        }
        TriggerConfig refused = config(Map.of("authModes", "bearer,basic", "customHeaders", "Host=x"), SECRETS);
        assertThatThrownBy(() -> factory.create(refused)).isInstanceOf(ScalerConfigException.class)
                .hasMessageContaining("must contain only one of [bearer basic oauth]")
                .hasMessageContaining("header \"Host\" cannot be sent: restricted header name")
                .message().doesNotContain("SECRET");
    }

    @ParameterizedTest(name = "{0} that is not PEM is refused naming {0}")
    @CsvSource({"ca, ca is not a PEM certificate", "cert, cert is not a PEM certificate",
        "key, key holds no PKCS#8 or PKCS#1 RSA private key"})
    void tlsMaterialThatCannotBeReadIsAConfigurationError(String parameter, String message) {
        TestCertificates.Pem client = CA.client("EC");
        Map<String, String> pem = new HashMap<>(Map.of("ca", CA.caCertificate(), "cert", client.certificate(), "key", client.key()));
        pem.put(parameter, "not-pem-SECRET");
        assertThatThrownBy(() -> factory.create(config(Map.of("authModes", "tls"), pem)))
                .isInstanceOf(ScalerConfigException.class)
                .hasMessage("trigger[0] (prometheus): error creating the TLS config: " + message);
        assertThat(factory.clientCount()).isZero();
    }

    @Test
    void theConnectionKeyNamesTheServerAndTheCredentialOnly() {
        Map<String, String> token = Map.of("bearerToken", "t1");
        TriggerConfig orders = config(Map.of("authModes", "bearer", "query", "orders", "activationThreshold", "3"), token);
        TriggerConfig returns = config(Map.of("authModes", "bearer", "query", "returns", "customHeaders", "X-A=b"), token);
        assertThat(factory.connectionKey(orders)).isEqualTo(factory.connectionKey(returns));
        assertThat(factory.connectionKey(orders))
                .isNotEqualTo(factory.connectionKey(config(Map.of("authModes", "bearer"), Map.of("bearerToken", "t2"))))
                .isNotEqualTo(factory.connectionKey(config(Map.of("authModes", "bearer", "serverAddress", "http://other:9090"), token)))
                .isNotEqualTo(factory.connectionKey(config(Map.of("authModes", "bearer", "unsafeSsl", "true"), token)));
        assertThat(factory.connectionKey(orders).toString()).doesNotContain("t1");
    }

    @Test
    void offlineTheTriggerAuthenticationMayStillHoldTheToken() {
        TriggerCheck offline = factory.validate(config(Map.of("authModes", "bearer"), Map.of()), Set.of(Source.AUTH_PARAMS));
        assertThat(offline.errors()).isEmpty();
        TriggerCheck resolved = factory.validate(config(Map.of("authModes", "bearer"), Map.of()), Set.of());
        assertThat(resolved.errors()).extracting(TriggerCheck.Issue::message)
                .containsExactly("bearer token=<empty> is required when bearer auth is enabled");
    }

    @Test
    void aUtilizationMetricTypeIsRefusedInKedasWords() {
        TriggerConfig config = config(Map.of(), Map.of()).toBuilder().metricType(dev.tide.scaler.api.MetricTargetType.UTILIZATION).build();
        assertThatThrownBy(() -> factory.create(config)).hasMessage("trigger[0] (prometheus): error getting scaler metric type: "
                + "'Utilization' metric type is unsupported for external metrics, allowed values are 'Value' or 'AverageValue'");
    }
}
