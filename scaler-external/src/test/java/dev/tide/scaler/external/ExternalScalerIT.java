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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The external scalers against a real gRPC server implementing KEDA's proto, in plaintext and mutual TLS. */
class ExternalScalerIT {

    private static final TestCertificates CA = TestCertificates.authority("external-scaler-ca");
    private static final TestCertificates OTHER_CA = TestCertificates.authority("another-ca");
    private static final String METRIC = "s1-queue-length";
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
        return trigger(type, name, address, Map.of());
    }

    /** A trigger of object {@code shop/<name>} with its index 1, a 1 s timeout, and {@code extra} metadata too. */
    private static TriggerConfig.Builder trigger(String type, String name, String address, Map<String, String> extra) {
        Map<String, String> metadata = new HashMap<>(Map.of("scalerAddress", address, "targetSize", "2.5", "queue", "orders"));
        metadata.putAll(extra);
        return TriggerConfig.builder(type).scaledObject(ScaledObjectRef.scaledObject("shop", name)).triggerIndex(1)
                .metadata(metadata).timeout(Duration.ofSeconds(1));
    }

    /** Closes every scaler it holds, so that a failed assertion leaves no channel open. */
    private record Scalers(List<Scaler> all) implements AutoCloseable {
        @Override
        public void close() {
            all.forEach(Scaler::close);
        }
    }

    @Test
    void aPlaintextServerNamesTheMetricAndAnswersPolls() {
        plain.length("shop", "plain", 7);
        try (Scaler scaler = new ExternalScalerFactory(channels).create(trigger("external", "plain", plain.address()).build())) {
            assertThat(scaler.metricSpecs()).containsExactly(
                    new MetricSpec("s1-queue-length", MetricTargetType.AVERAGE_VALUE, new MilliValue(2_500)));
            var sample = scaler.sample(METRIC);
            assertThat(sample.active()).isTrue();
            assertThat(sample.values()).singleElement().satisfies(v -> assertThat(v.value()).isEqualTo(MilliValue.ofWhole(7)));
            assertThat(plain.lastMetadata("shop", "plain")).containsEntry("queue", "orders");
        }
    }

    /** Go's {@code X509KeyPair} reads PKCS#1 RSA and PKCS#8 RSA or EC keys; so must Tide. */
    @ParameterizedTest(name = "{0} client key in {1}")
    @CsvSource({"RSA, PKCS#1", "RSA, PKCS#8", "EC, PKCS#8"})
    void mutualTlsWithCertificatesFromTheTriggerAuthenticationWorks(String algorithm, String keyForm) {
        tls.length("shop", "tls", 3);
        TestCertificates.Pem client = CA.client(algorithm);
        String key = keyForm.equals("PKCS#1") ? client.rsaKey() : client.key();
        TriggerConfig config = trigger("external", "tls", tls.address())
                .authParams(Map.of("caCert", CA.caCertificate(), "tlsClientCert", client.certificate(), "tlsClientKey", key))
                .build();
        try (Scaler scaler = new ExternalScalerFactory(channels).create(config)) {
            assertThat(scaler.sample(METRIC).active()).isTrue();
        }
    }

    /** The trigger trusts another authority than the one that signed the server's certificate. */
    @ParameterizedTest(name = "unsafeSsl {0}")
    @ValueSource(booleans = {false, true})
    void aServerCertificateFromAnotherAuthorityIsRefusedUnlessUnsafeSslIsSet(boolean unsafeSsl) {
        tls.length("shop", "other-ca", 3);
        TestCertificates.Pem client = CA.client("EC");
        TriggerConfig config = trigger("external", "other-ca", tls.address(), Map.of("unsafeSsl", String.valueOf(unsafeSsl)))
                .authParams(Map.of("caCert", OTHER_CA.caCertificate(), "tlsClientCert", client.certificate(),
                        "tlsClientKey", client.key()))
                .build();
        try (Scaler scaler = new ExternalScalerFactory(channels).create(config)) {
            if (unsafeSsl) {
                assertThat(scaler.sample(METRIC).active()).isTrue();
            } else {
                assertRefused(scaler, tls.address());
            }
        }
    }

    @Test
    void aClientWithoutACertificateIsRefusedByAMutualTlsServer() {
        TriggerConfig config = trigger("external", "no-client-cert", tls.address())
                .authParams(Map.of("caCert", CA.caCertificate()))
                .build();
        try (Scaler scaler = new ExternalScalerFactory(channels).create(config)) {
            assertRefused(scaler, tls.address());
        }
    }

    private static void assertRefused(Scaler scaler, String address) {
        assertThatThrownBy(() -> scaler.sample(METRIC)).isInstanceOf(ScalerException.class)
                .hasMessageStartingWith("trigger[1] (external): GetMetrics on external scaler " + address + " failed: UNAVAILABLE")
                .message().doesNotContain("-----BEGIN");
    }

    @Test
    void aServerThatIsDownFailsTheReadWithItsAddress() {
        ExternalScalerServer gone = ExternalScalerServer.plaintext();
        String address = gone.address();
        gone.close();
        try (Scaler scaler = new ExternalScalerFactory(channels).create(trigger("external", "gone", address).build())) {
            assertThatThrownBy(() -> scaler.sample(METRIC)).isInstanceOf(ScalerException.class)
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
            assertThat(scaler.sample(METRIC).active()).as("the push counts even though IsActive says no").isTrue();

            server.stop();
            server.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> server.openStreams("shop", "push") == 1);
        } finally {
            server.close();
        }
    }

    @Test
    void theServerGetsTheWholeMetadataWithFromEnvResolvedAndNoAuthenticationParameters() {
        Map<String, String> extra = Map.of("enableTLS", "false", "passwordFromEnv", "QUEUE_PASSWORD",
                "hostFromEnv", "UNSET_VARIABLE", "portFromEnv", "EMPTY_VARIABLE");
        TriggerConfig config = trigger("external", "metadata", plain.address(), extra)
                .resolvedEnv(Map.of("QUEUE_PASSWORD", "from-env", "EMPTY_VARIABLE", "", "UNNAMED", "not-sent"))
                .authParams(Map.of("apiKey", "from-authentication"))
                .build();
        // KEDA's parseExternalScalerMetadata: every key as written, scalerAddress included; <key>FromEnv carries the
        // variable's value and is dropped when it is unset or empty.
        Map<String, String> expected = Map.of("scalerAddress", plain.address(), "targetSize", "2.5", "queue", "orders",
                "enableTLS", "false", "passwordFromEnv", "from-env");
        try (Scaler scaler = new ExternalScalerFactory(channels).create(config)) {
            scaler.metricSpecs();
            assertThat(plain.lastMetadata("shop", "metadata")).as("GetMetricSpec").isEqualTo(expected);
            scaler.sample(METRIC);
            assertThat(plain.lastMetadata("shop", "metadata")).as("IsActive, the last call of a sample").isEqualTo(expected);
        }
    }

    @Test
    void fiveHundredTriggersOnOneAddressShareOneChannelAndOneConnectionUntilTheLastIsClosed() {
        try (ExternalScalerServer server = ExternalScalerServer.plaintext()) {
            // One resolved address, so round robin opens exactly one connection.
            String address = "127.0.0.1:" + server.port();
            int connections = server.connections();
            ExternalScalerFactory factory = new ExternalScalerFactory(channels);
            try (Scalers scalers = new Scalers(new ArrayList<>())) {
                for (int i = 0; i < 500; i++) {
                    scalers.all().add(factory.create(trigger("external", "object-" + i, address).build()));
                }
                scalers.all().forEach(scaler -> scaler.sample(METRIC));
                assertThat(channels.size()).isEqualTo(1);
                assertThat(server.connections() - connections).as("transport connections the server accepted").isEqualTo(1);
                assertThat(server.calls("IsActive")).isEqualTo(500);

                scalers.close();
                assertThat(channels.size()).isZero();
                assertThat(((ExternalScaler) scalers.all().get(0)).channel().isShutdown()).isTrue();
            }
        }
    }

    @Test
    void aHangingServerFailsTheReadWithinTheTriggerTimeout() {
        try (ExternalScalerServer server = ExternalScalerServer.plaintext()) {
            server.mode(ExternalScalerServer.Mode.HANGING);
            TriggerConfig config = trigger("external", "hanging", server.address()).timeout(Duration.ofMillis(300)).build();
            try (Scaler scaler = new ExternalScalerFactory(channels).create(config)) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> scaler.sample(METRIC)).isInstanceOf(ScalerException.class)
                        .hasMessageContaining("GetMetrics on external scaler " + server.address())
                        .hasMessageContaining("DEADLINE_EXCEEDED");
                // A bound, not a benchmark: the 300 ms deadline ends the call, nothing waits longer.
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            }
        }
    }

    @Test
    void aFailingGetMetricSpecFailsNamingTheCallAndTheAddress() {
        try (ExternalScalerServer server = ExternalScalerServer.plaintext()) {
            server.mode(ExternalScalerServer.Mode.FAILING);
            try (Scaler scaler = new ExternalScalerFactory(channels).create(trigger("external", "failing", server.address()).build())) {
                assertThatThrownBy(scaler::metricSpecs).isInstanceOf(ScalerException.class)
                        .hasMessage("trigger[1] (external): GetMetricSpec on external scaler " + server.address()
                                + " failed: UNAVAILABLE (the queue backend is down)");
            }
        }
    }

    /**
     * A push of {@code false} while the last sample was inactive, and one of {@code true} while it was active: neither
     * asks for a pass. The server then ends the stream; the client sees the end after the push, so once it has opened
     * the stream again the push has been handled.
     */
    @ParameterizedTest(name = "pushed {0} while the queue holds {1}")
    @CsvSource({"false, 0", "true, 3"})
    void aPushThatChangesNothingAsksForNoPass(boolean pushed, double length) {
        try (ExternalScalerServer server = ExternalScalerServer.plaintext();
                PushScaler scaler = (PushScaler) new ExternalPushScalerFactory(channels)
                        .create(trigger("external-push", "steady", server.address()).build())) {
            AtomicInteger requests = new AtomicInteger();
            server.length("shop", "steady", length);
            assertThat(scaler.sample(METRIC).active()).isEqualTo(length > 0);
            scaler.startPushing(requests::incrementAndGet);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.openStreams("shop", "steady") == 1);

            assertThat(server.push("shop", "steady", pushed)).isEqualTo(1);
            assertThat(server.endStreams("shop", "steady")).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.calls("StreamIsActive") == 2);
            assertThat(requests).hasValue(0);

            server.length("shop", "steady", 0);
            assertThat(scaler.sample(METRIC).active()).as("a pushed true still counts in the next sample").isEqualTo(pushed);
        }
    }

    @Test
    void closingAPushTriggerCancelsItsStreamAndNeverOpensItAgain() {
        try (ExternalScalerServer server = ExternalScalerServer.plaintext();
                Scaler neighbour = new ExternalScalerFactory(channels).create(trigger("external", "neighbour", server.address()).build())) {
            // The neighbour keeps the shared channel open, so a stream reopened after close would reach the server.
            PushScaler scaler = (PushScaler) new ExternalPushScalerFactory(channels)
                    .create(trigger("external-push", "closing", server.address()).build());
            try (scaler) {
                scaler.startPushing(() -> { });
                await().atMost(Duration.ofSeconds(5)).until(() -> server.openStreams("shop", "closing") == 1);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> server.openStreams("shop", "closing") == 0);
            // The reconnect wait in this test is 100 ms: a stream reopened after close would show within 1 s.
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                    .until(() -> server.calls("StreamIsActive") == 1);
            assertThat(channels.size()).as("the neighbour's").isEqualTo(1);
        }
    }
}
