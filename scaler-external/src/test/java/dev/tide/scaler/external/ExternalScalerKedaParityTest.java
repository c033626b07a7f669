package dev.tide.scaler.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.ScaledObjectRef;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.TriggerCheck;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.external.testing.ExternalScalerServer;
import dev.tide.scaler.external.testing.TestCertificates;
import externalscaler.Externalscaler;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * KEDA's own tables for the external scaler ({@code pkg/scalers/external_scaler_test.go} and
 * {@code RemoveIndexFromMetricName} in {@code pkg/scalers/scaler_test.go}, KEDA commit {@code 8b4f083}), row for row.
 * Display names are the row names only: the rows carry PEM certificates, which test reports need not repeat.
 */
class ExternalScalerKedaParityTest {

    private static final TestCertificates CA = TestCertificates.authority("keda1");
    /** KEDA's {@code serverRootCA} and {@code clientCert}: a CA certificate and a client certificate, no key. */
    private static final String SERVER_ROOT_CA = CA.caCertificate();
    private static final String CLIENT_CERT = CA.client("EC").certificate();
    private static final String ADDRESS = "grpc.example:9090";

    private static ExternalScalerServer server;
    private final ExternalChannels channels = new ExternalChannels(Duration.ofMillis(100), Duration.ofMillis(400));
    private final ExternalScalerFactory factory = new ExternalScalerFactory(channels);

    @BeforeAll
    static void startServer() {
        server = ExternalScalerServer.plaintext();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    // ---- TestExternalScalerParseMetadata (testExternalScalerMetadata) ----------------------------------------------

    static Stream<Arguments> kedaMetadataRows() {
        String missing = "missing required parameter \"scalerAddress\" in [triggerMetadata]";
        return Stream.of(
                Arguments.of("empty metadata", Map.of(), Map.of(), missing),
                Arguments.of("all properly formed", Map.of("scalerAddress", "myservice", "test1", "7", "test2", "SAMPLE_CREDS",
                        "enableTLS", "true", "insecureSkipVerify", "true"),
                        Map.of("caCert", SERVER_ROOT_CA, "tlsClientCert", CLIENT_CERT), null),
                Arguments.of("missing scalerAddress", Map.of("test1", "1", "test2", "SAMPLE_CREDS"), Map.of(), missing));
    }

    /** {@code refusal} is the binder's message for the row, null where KEDA accepts it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kedaMetadataRows")
    void triggerMetadataIsAcceptedOrRefusedAsKedaDecides(String row, Map<String, String> metadata,
            Map<String, String> authParams, String refusal) {
        TriggerConfig config = TriggerConfig.builder("external").metadata(metadata).authParams(authParams).build();
        TriggerCheck check = factory.validate(config, Set.of());
        if (refusal != null) {
            assertThatThrownBy(() -> ExternalTrigger.parse(config)).isInstanceOf(ScalerConfigException.class)
                    .hasMessage("trigger[0] (external): " + refusal);
            assertThat(check.errors()).containsExactly(new TriggerCheck.Issue("scalerAddress", refusal));
            return;
        }
        ExternalParameters parameters = ExternalTrigger.parse(config).parameters();
        assertThat(check.errors()).isEmpty();
        assertThat(check.warnings()).as("every other key is the external scaler's own parameter").isEmpty();
        // KEDA's two checks: enableTLS as written, and unsafeSsl only from its own key (not insecureSkipVerify).
        assertThat(parameters.enableTLS()).isEqualTo("true".equals(metadata.get("enableTLS")));
        assertThat(parameters.unsafeSsl()).isEqualTo("true".equals(metadata.get("unsafeSsl")));
        assertThat(parameters.tls()).isTrue();
    }

    // ---- TestGetConnectionPoolKey ----------------------------------------------------------------------------------

    /** KEDA's {@code externalScalerConnectionPoolKey}: what a row sets, Go's zero value where it sets nothing. */
    private record PoolInputs(String address, boolean enableTLS, boolean unsafeSsl, String caCert, String clientCert,
            String clientKey) {

        static PoolInputs plain(String address) {
            return new PoolInputs(address, false, false, null, null, null);
        }

        PoolInputs tls() {
            return new PoolInputs(address, true, unsafeSsl, caCert, clientCert, clientKey);
        }

        PoolInputs unsafe() {
            return new PoolInputs(address, enableTLS, true, caCert, clientCert, clientKey);
        }

        PoolInputs ca(String pem) {
            return new PoolInputs(address, enableTLS, unsafeSsl, pem, clientCert, clientKey);
        }

        PoolInputs client(String certificate, String key) {
            return new PoolInputs(address, enableTLS, unsafeSsl, caCert, certificate, key);
        }

        TriggerConfig config(String type, String scaledObject) {
            Map<String, String> metadata = new HashMap<>(Map.of("scalerAddress", address, "queue", scaledObject));
            Map<String, String> auth = new HashMap<>();
            if (enableTLS) {
                metadata.put("enableTLS", "true");
            }
            if (unsafeSsl) {
                metadata.put("unsafeSsl", "true");
            }
            putIfSet(auth, "caCert", caCert);
            putIfSet(auth, "tlsClientCert", clientCert);
            putIfSet(auth, "tlsClientKey", clientKey);
            return TriggerConfig.builder(type).scaledObject(ScaledObjectRef.scaledObject("shop", scaledObject))
                    .metadata(metadata).authParams(auth).build();
        }

        private static void putIfSet(Map<String, String> map, String key, String value) {
            if (value != null) {
                map.put(key, value);
            }
        }

        /** Rows hold PEM certificates; a failing assertion shows the row's name instead. */
        @Override
        public String toString() {
            return "PoolInputs[" + address + "]";
        }
    }

    /**
     * KEDA's rows, then two of Tide's. {@code samePoolKey} is KEDA's {@code wantSame}; {@code sameChannel} is whether
     * Tide opens one channel for both. They differ in two KEDA rows: a client certificate without its key, or a key
     * without its certificate, configures no client certificate in KEDA's {@code NewTLSConfig}, so both sides connect
     * the same way and Tide shares the channel where KEDA opens a second, identical one.
     */
    static Stream<Arguments> kedaPoolKeyRows() {
        PoolInputs full = PoolInputs.plain(ADDRESS).tls().ca(SERVER_ROOT_CA).client(CLIENT_CERT, "client-key-a");
        PoolInputs tls = PoolInputs.plain(ADDRESS).tls();
        PoolInputs withKey = tls.client(CLIENT_CERT, "client-key-a");
        return Stream.of(
                Arguments.of("same metadata yields same key", full, full, true, true),
                Arguments.of("different tls mode yields different key", PoolInputs.plain(ADDRESS), tls, false, false),
                Arguments.of("different ca cert yields different key", tls.ca(SERVER_ROOT_CA), tls.ca("different-ca"), false, false),
                Arguments.of("different client cert yields different key", tls.client(CLIENT_CERT, null),
                        tls.client("different-client-cert", null), false, true),
                Arguments.of("different client key yields different key", tls.client(null, "client-key-a"),
                        tls.client(null, "client-key-b"), false, true),
                Arguments.of("different unsafe ssl yields different key", tls, tls.unsafe(), false, false),
                Arguments.of("Tide: a different client certificate with its key yields a different channel", withKey,
                        withKey.client("different-client-cert", "client-key-a"), false, false),
                Arguments.of("Tide: a different client key with its certificate yields a different channel", withKey,
                        withKey.client(CLIENT_CERT, "client-key-b"), false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kedaPoolKeyRows")
    void triggersShareAConnectionKeyExactlyWhereKedaSharesAPoolEntry(String row, PoolInputs left, PoolInputs right,
            boolean samePoolKey, boolean sameChannel) {
        // Other ScaledObjects and queues: the key is the connection's, not the trigger's; both types share it.
        assertThat(factory.connectionKey(left.config("external", "left"))
                .equals(new ExternalPushScalerFactory(channels).connectionKey(right.config("external-push", "right"))))
                .isEqualTo(samePoolKey);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kedaPoolKeyRows")
    void triggersShareAChannelExactlyWhenTheyWouldConnectTheSameWay(String row, PoolInputs left, PoolInputs right,
            boolean samePoolKey, boolean sameChannel) {
        ChannelIdentity leftChannel = ExternalTrigger.parse(left.config("external", "left")).parameters().channel();
        ChannelIdentity rightChannel = ExternalTrigger.parse(right.config("external", "right")).parameters().channel();
        assertThat(leftChannel.equals(rightChannel)).isEqualTo(sameChannel);
    }

    // ---- TestConvertMetricSpecResponse ----------------------------------------------------------------------------

    @Test
    void theServersMetricSpecsAreNamedWithTheTriggerIndexAndKeepTheirTargets() {
        server.metricSpecs("namespace", "app", List.of(
                Externalscaler.MetricSpec.newBuilder().setMetricName("metric-a").setTargetSize(50).build(),
                Externalscaler.MetricSpec.newBuilder().setMetricName("metric-b").setTargetSizeFloat(1.5).build()));
        TriggerConfig config = TriggerConfig.builder("external").scaledObject(ScaledObjectRef.scaledObject("namespace", "app"))
                .triggerIndex(0).metricType(MetricTargetType.AVERAGE_VALUE)
                .metadata(Map.of("scalerAddress", server.address())).build();
        try (var scaler = factory.create(config)) {
            assertThat(scaler.metricSpecs()).containsExactly(
                    new MetricSpec("s0-metric-a", MetricTargetType.AVERAGE_VALUE, MilliValue.ofWhole(50)),
                    new MetricSpec("s0-metric-b", MetricTargetType.AVERAGE_VALUE, new MilliValue(1_500)));
        }
    }

    // ---- TestRemoveIndexFromMetricName (pkg/scalers/scaler_test.go) -----------------------------------------------

    @ParameterizedTest(name = "trigger {0}: {1} -> {2}")
    @CsvSource({
        "0, s0-metricName, metricName",   // Proper input
        "123, s123-metricName, metricName", // Proper input with triggerIndex > 9
    })
    void theIndexPrefixIsRemovedBeforeTheServerIsAsked(int triggerIndex, String metricName, String withoutIndex) {
        try (ExternalScaler scaler = scaler(triggerIndex)) {
            assertThat(scaler.withoutIndex(metricName)).isEqualTo(withoutIndex);
        }
    }

    @ParameterizedTest(name = "trigger {0}: {1} -> {2}")
    @CsvSource({
        "1, s0-metricName, metric name contains incorrect index prefix",
        "0, 0-metricName, metric name contains incorrect index prefix",
        "0, metricName, metric name without index prefix",
    })
    void aMetricNameWithoutThisTriggersIndexPrefixIsRefused(int triggerIndex, String metricName, String error) {
        int calls = server.calls("GetMetrics");
        try (ExternalScaler scaler = scaler(triggerIndex)) {
            assertThatThrownBy(() -> scaler.sample(metricName)).isInstanceOf(ScalerException.class)
                    .hasMessage("trigger[" + triggerIndex + "] (external): " + error);
        }
        assertThat(server.calls("GetMetrics")).as("refused before any call").isEqualTo(calls);
    }

    private ExternalScaler scaler(int triggerIndex) {
        return (ExternalScaler) factory.create(TriggerConfig.builder("external").triggerIndex(triggerIndex)
                .metadata(Map.of("scalerAddress", server.address())).build());
    }
}
