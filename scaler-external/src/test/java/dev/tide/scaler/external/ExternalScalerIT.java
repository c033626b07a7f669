package dev.tide.scaler.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.PushScaler;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.ScaledObjectRef;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.external.testing.ExternalScalerServer;
import dev.tide.scaler.external.testing.TestCertificates;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The external scalers against a real gRPC server implementing KEDA's proto, in plaintext and mutual TLS. */
class ExternalScalerIT {

    private static final TestCertificates CA = TestCertificates.authority("external-scaler-ca");
    private static ExternalScalerServer plain;
    private static ExternalScalerServer tls;
    private final ExternalChannels channels = new ExternalChannels(Duration.ofMillis(100), Duration.ofMillis(400));

    @BeforeAll
    static void startServers() {
        plain = ExternalScalerServer.plaintext();
        tls = ExternalScalerServer.mutualTls(CA);
    }

    @AfterAll
    static void stopServers() {
        plain.close();
        tls.close();
    }

    private static TriggerConfig.Builder trigger(String type, String name, String address) {
        return TriggerConfig.builder(type).scaledObject(ScaledObjectRef.scaledObject("shop", name)).triggerIndex(1)
                .metadata(Map.of("scalerAddress", address, "targetSize", "2.5", "queue", "orders"))
                .timeout(Duration.ofSeconds(1));
    }

    @Test
    void aPlaintextServerNamesTheMetricAndAnswersPolls() {
        plain.length("shop", "plain", 7);
        try (Scaler scaler = new ExternalScalerFactory(channels).create(trigger("external", "plain", plain.address()).build())) {
            assertThat(scaler.metricSpecs()).containsExactly(
                    new MetricSpec("s1-queue-length", MetricTargetType.AVERAGE_VALUE, new MilliValue(2_500)));
            var sample = scaler.sample("s1-queue-length");
            assertThat(sample.active()).isTrue();
            assertThat(sample.values()).singleElement().satisfies(v -> assertThat(v.value()).isEqualTo(MilliValue.ofWhole(7)));
            assertThat(plain.lastMetadata("shop", "plain")).containsEntry("queue", "orders");
        }
    }

    @Test
    void mutualTlsWithCertificatesFromTheTriggerAuthenticationWorks() {
        tls.length("shop", "tls", 3);
        TestCertificates.Pem client = CA.client("RSA");
        TriggerConfig config = trigger("external", "tls", tls.address())
                .authParams(Map.of("caCert", CA.caCertificate(), "tlsClientCert", client.certificate(), "tlsClientKey", client.rsaKey()))
                .build();
        try (Scaler scaler = new ExternalScalerFactory(channels).create(config)) {
            assertThat(scaler.sample("s1-queue-length").active()).isTrue();
        }
    }

    @Test
    void aServerThatIsDownFailsTheReadWithItsAddress() {
        ExternalScalerServer gone = ExternalScalerServer.plaintext();
        String address = gone.address();
        gone.close();
        try (Scaler scaler = new ExternalScalerFactory(channels).create(trigger("external", "gone", address).build())) {
            assertThatThrownBy(() -> scaler.sample("s1-queue-length")).isInstanceOf(ScalerException.class)
                    .hasMessageStartingWith("trigger[1] (external): GetMetrics on external scaler " + address + " failed: UNAVAILABLE");
        }
    }

    @Test
    void aPushOfTrueAsksForAPassAndTheStreamReopensAfterARestart() {
        ExternalScalerServer server = ExternalScalerServer.plaintext();
        AtomicInteger requests = new AtomicInteger();
        try (PushScaler scaler = (PushScaler) new ExternalPushScalerFactory(channels)
                .create(trigger("external-push", "push", server.address()).build())) {
            scaler.startPushing(requests::incrementAndGet);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.openStreams("shop", "push") == 1);
            server.push("shop", "push", true);
            await().atMost(Duration.ofSeconds(5)).until(() -> requests.get() == 1);
            assertThat(scaler.sample("s1-queue-length").active()).as("the push counts even though IsActive says no").isTrue();

            server.stop();
            server.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> server.openStreams("shop", "push") == 1);
        } finally {
            server.close();
        }
    }
}
