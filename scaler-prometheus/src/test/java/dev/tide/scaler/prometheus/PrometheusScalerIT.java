package dev.tide.scaler.prometheus;

import static dev.tide.scaler.prometheus.testing.TestHttpServer.forwardingTo;
import static dev.tide.scaler.prometheus.testing.TestHttpServer.requiring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.external.testing.TestCertificates;
import dev.tide.scaler.prometheus.testing.PrometheusServer;
import dev.tide.scaler.prometheus.testing.TestHttpServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The prometheus scaler against a real Prometheus 2.42 scraping an in-test endpoint every second. Authentication is
 * checked by an in-test reverse proxy in front of it (HTTP, HTTPS, mutual TLS) that forwards only requests carrying
 * the expected credential.
 */
class PrometheusScalerIT {

    private static final String METRIC = "s0-prometheus";
    private static final String ORDERS = "tide_queue_length{queue=\"orders\"}";
    private static final TestCertificates CA = TestCertificates.authority("prometheus-proxy-ca");
    private static final TestCertificates OTHER_CA = TestCertificates.authority("untrusted-ca");

    private static PrometheusServer prometheus;
    private final PrometheusClients clients = new PrometheusClients();
    private final PrometheusScalerFactory factory = new PrometheusScalerFactory(clients, Clock.systemUTC());

    @BeforeAll
    static void startPrometheus() {
        prometheus = PrometheusServer.start("tide_queue_length{queue=\"orders\"} 7\ntide_queue_length{queue=\"returns\"} 2\n");
        prometheus.awaitResult(ORDERS, "7");
    }

    @AfterAll
    static void stopPrometheus() {
        prometheus.close();
    }

    /** A trigger on {@code serverAddress} with KEDA's three required keys, {@code extra} metadata and auth params. */
    private static TriggerConfig trigger(String serverAddress, String query, Map<String, String> extra, Map<String, String> auth) {
        Map<String, String> metadata = new HashMap<>(Map.of("serverAddress", serverAddress, "query", query, "threshold", "5"));
        metadata.putAll(extra);
        return TriggerConfig.builder("prometheus").metadata(metadata).authParams(auth).timeout(Duration.ofSeconds(2)).build();
    }

    private static TriggerConfig trigger(String query, String... extra) {
        Map<String, String> metadata = new HashMap<>();
        for (int i = 0; i < extra.length; i += 2) {
            metadata.put(extra[i], extra[i + 1]);
        }
        return trigger(prometheus.address().toString(), query, metadata, Map.of());
    }

    private ScalerSample sample(TriggerConfig config) {
        try (Scaler scaler = factory.create(config)) {
            return scaler.sample(METRIC);
        }
    }

    private void assertFails(TriggerConfig config, String message) {
        try (Scaler scaler = factory.create(config)) {
            assertThatThrownBy(() -> scaler.sample(METRIC)).isInstanceOf(ScalerException.class)
                    .hasMessageContaining(message);
        }
    }

    private static ScalerSample seven() {
        return ScalerSample.of(MetricValue.of(METRIC, 7), true);
    }

    @Test
    void readsTheValueOfAnInstantQueryAndFeedsTheThresholdAsTarget() {
        try (Scaler scaler = factory.create(trigger(ORDERS))) {
            assertThat(scaler.metricSpecs()).containsExactly(new MetricSpec(METRIC, MetricTargetType.AVERAGE_VALUE, MilliValue.ofWhole(5)));
            assertThat(scaler.sample(METRIC)).isEqualTo(seven());
        }
        assertThat(sample(trigger("sum(" + ORDERS + ") / 4"))).isEqualTo(ScalerSample.of(MetricValue.of(METRIC, 1.75), true));
    }

    @ParameterizedTest(name = "activationThreshold {0}: active {1}")
    @CsvSource({"6.5, true", "7, false", "100, false"})
    void isActiveOnlyAboveTheActivationThreshold(String activationThreshold, boolean active) {
        assertThat(sample(trigger(ORDERS, "activationThreshold", activationThreshold)).active()).isEqualTo(active);
    }

    /** KEDA's {@code time} is the current second, truncated: a new sample is read within about two scrapes. */
    @Test
    void readsANewValueOnceScraped() {
        try (Scaler scaler = factory.create(trigger("tide_queue_length{queue=\"returns\"}"))) {
            assertThat(scaler.sample(METRIC).values()).containsExactly(MetricValue.of(METRIC, 2));
            prometheus.expose("tide_queue_length{queue=\"orders\"} 7\ntide_queue_length{queue=\"returns\"} 11\n");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(scaler.sample(METRIC).values()).containsExactly(MetricValue.of(METRIC, 11)));
        }
    }

    static Stream<Arguments> nullValues() {
        return Stream.of(
                Arguments.of("an empty result", "tide_absent_metric", "prometheus metrics 'prometheus' target may be lost, the result is empty"),
                Arguments.of("NaN", "vector(0) / 0", "prometheus query returns NaN"),
                Arguments.of("+Inf", "vector(1) / 0", "prometheus query returns +Inf"),
                Arguments.of("-Inf", "vector(-1) / 0", "prometheus query returns -Inf"));
    }

    @ParameterizedTest(name = "{0} reads 0 with ignoreNullValues (KEDA's default) and fails without")
    @MethodSource("nullValues")
    void nullValuesAreZeroOnlyWhenIgnored(String what, String query, String error) {
        assertThat(sample(trigger(query))).isEqualTo(ScalerSample.of(MetricValue.of(METRIC, 0), false));
        assertFails(trigger(query, "ignoreNullValues", "false"), "trigger[0] (prometheus): " + error);
    }

    @Test
    void aQueryWithSeveralSeriesFails() {
        assertFails(trigger("up"), "trigger[0] (prometheus): prometheus query up returned multiple elements");
    }

    @Test
    void aQueryPrometheusRefusesFailsWithTheStatusAndPrometheusReason() {
        assertFails(trigger("sum("), "trigger[0] (prometheus): prometheus query api returned error. status: 400 (bad_data: ");
    }

    @Test
    void anUnreachableServerFailsTheRead() {
        TestHttpServer closed = TestHttpServer.http(TestHttpServer.canned(200, "{}"));
        closed.close();
        assertFails(trigger(closed.address(), ORDERS, Map.of(), Map.of()), "GET " + closed.address() + "/api/v1/query failed: ");
    }

    @Test
    void namespaceQueryParametersAndCustomHeadersReachTheServer() {
        try (TestHttpServer proxy = TestHttpServer.http(forwardingTo(prometheus.address()))) {
            assertThat(sample(trigger(proxy.address(), ORDERS, Map.of("namespace", "tenant-a",
                    "queryParameters", "dedup=true,partial_response=false", "customHeaders", "X-Scope-OrgID=team-a"), Map.of())))
                    .isEqualTo(seven());
            TestHttpServer.Received request = proxy.lastReceived();
            assertThat(request.uri().getRawQuery()).matches("query=tide_queue_length%7Bqueue%3D%22orders%22%7D"
                    + "&time=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ&namespace=tenant-a&dedup=true&partial_response=false");
            assertThat(request.header("X-Scope-OrgID")).isEqualTo("team-a");
        }
    }

    /** Each mode: the credential the proxy wants, one it refuses, and the check. */
    static Stream<Arguments> authModes() {
        return Stream.of(
                Arguments.of("bearer", Map.of("bearerToken", "s3cret"), Map.of("bearerToken", "wrong"),
                        header("Authorization", "Bearer s3cret")),
                Arguments.of("basic", Map.of("username", "tide", "password", "pa:ss"), Map.of("username", "tide"),
                        header("Authorization", "Basic dGlkZTpwYTpzcw==")),
                Arguments.of("custom", Map.of("customAuthHeader", "X-Auth", "customAuthValue", "v1"),
                        Map.of("customAuthHeader", "X-Auth", "customAuthValue", "v2"), header("X-Auth", "v1")),
                Arguments.of("apiKey", Map.of("apiKey", "k1"), Map.of("apiKey", "k2"), header("X-API-KEY", "k1")),
                Arguments.of("apiKey", Map.of("apiKey", "k1", "method", "query"), Map.of("apiKey", "k2", "method", "query"),
                        (java.util.function.Predicate<TestHttpServer.Received>) r -> r.uri().getRawQuery().endsWith("&api_key=k1")));
    }

    private static java.util.function.Predicate<TestHttpServer.Received> header(String name, String value) {
        return request -> value.equals(request.header(name));
    }

    @ParameterizedTest(name = "authModes {0}: the right credential reads, another gets 401 ({1})")
    @MethodSource("authModes")
    void eachAuthModeSendsItsCredential(String mode, Map<String, String> good, Map<String, String> bad,
            java.util.function.Predicate<TestHttpServer.Received> check) {
        try (TestHttpServer proxy = TestHttpServer.http(requiring(check, forwardingTo(prometheus.address())))) {
            assertThat(sample(trigger(proxy.address(), ORDERS, Map.of("authModes", mode), good))).isEqualTo(seven());
            assertFails(trigger(proxy.address(), ORDERS, Map.of("authModes", mode), bad),
                    "prometheus query api returned error. status: 401");
        }
    }

    @Test
    void tlsAuthPresentsTheClientCertificateAndTrustsTheGivenCa() {
        try (TestHttpServer proxy = TestHttpServer.https(CA, CA, forwardingTo(prometheus.address()))) {
            TestCertificates.Pem client = CA.client("RSA");
            Map<String, String> pem = Map.of("ca", CA.caCertificate(), "cert", client.certificate(), "key", client.rsaKey());
            assertThat(sample(trigger(proxy.address(), ORDERS, Map.of("authModes", "tls"), pem))).isEqualTo(seven());
            TestCertificates.Pem stranger = OTHER_CA.client("EC");
            assertFails(trigger(proxy.address(), ORDERS, Map.of("authModes", "tls"),
                    Map.of("ca", CA.caCertificate(), "cert", stranger.certificate(), "key", stranger.key())), "failed: ");
        }
    }

    @ParameterizedTest(name = "unsafeSsl {0} against a server whose CA nobody trusts")
    @CsvSource({"true, ", "false, PKIX path building failed"})
    void unsafeSslTrustsAnyServerCertificate(boolean unsafeSsl, String failure) {
        try (TestHttpServer proxy = TestHttpServer.https(OTHER_CA, null, forwardingTo(prometheus.address()))) {
            TriggerConfig config = trigger(proxy.address(), ORDERS, Map.of("unsafeSsl", String.valueOf(unsafeSsl)), Map.of());
            if (failure == null) {
                assertThat(sample(config)).isEqualTo(seven());
            } else {
                assertFails(config, failure);
            }
        }
    }

    @Test
    void oauthGetsATokenOnceAndSendsItAsBearer() {
        String form = "grant_type=client_credentials&scope=metrics%3Aread+metrics%3Alist";
        try (TestHttpServer tokens = TestHttpServer.http(requiring(request -> request.body().equals(form)
                        && ("Basic " + Base64.getEncoder().encodeToString("tide:s3cret".getBytes(StandardCharsets.UTF_8)))
                                .equals(request.header("Authorization")),
                        TestHttpServer.canned(200, "{\"access_token\":\"tok-1\",\"token_type\":\"bearer\",\"expires_in\":3600}")));
                TestHttpServer proxy = TestHttpServer.http(requiring(header("Authorization", "Bearer tok-1"),
                        forwardingTo(prometheus.address())))) {
            TriggerConfig config = trigger(proxy.address(), ORDERS, Map.of("authModes", "oauth"), Map.of(
                    "oauthTokenURI", tokens.address() + "/token", "clientID", "tide", "clientSecret", "s3cret",
                    "scopes", "metrics:read, metrics:list"));
            try (Scaler scaler = factory.create(config)) {
                for (int i = 0; i < 3; i++) {
                    assertThat(scaler.sample(METRIC)).isEqualTo(seven());
                }
            }
            assertThat(tokens.received()).hasSize(1);
        }
    }

    @Test
    void triggersOnOneServerAndTlsIdentityShareOneClientAndOneGuard() {
        Map<String, String> token = Map.of("bearerToken", "s3cret");
        java.util.List<Scaler> scalers = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            TriggerConfig config = trigger(prometheus.address().toString(), "tide_queue_length{queue=\"q" + i + "\"}",
                    Map.of("authModes", "bearer", "activationThreshold", String.valueOf(i)), token);
            assertThat(factory.connectionKey(config)).isEqualTo(factory.connectionKey(trigger(prometheus.address().toString(),
                    ORDERS, Map.of("authModes", "bearer"), token)));
            scalers.add(factory.create(config));
        }
        assertThat(factory.clientCount()).isEqualTo(1);
        scalers.add(factory.create(trigger(prometheus.address().toString(), ORDERS,
                Map.of("authModes", "bearer"), Map.of("bearerToken", "another"))));
        assertThat(factory.clientCount()).as("a bearer token is a header, not a client").isEqualTo(1);
        scalers.add(factory.create(trigger(ORDERS, "unsafeSsl", "true")));
        assertThat(factory.clientCount()).as("TLS inputs pick the client").isEqualTo(2);
        scalers.forEach(scaler -> assertThat(scaler.sample(METRIC).values()).hasSize(1));
        scalers.forEach(Scaler::close);
        assertThat(factory.clientCount()).isZero();
    }

    @Test
    void aServerThatDoesNotAnswerFailsTheReadAtTheTriggersTimeout() {
        CountDownLatch release = new CountDownLatch(1);
        try (TestHttpServer stuck = TestHttpServer.http(request -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return TestHttpServer.Answer.of(503, "");
        })) {
            long start = System.nanoTime();
            assertFails(trigger(stuck.address(), ORDERS, Map.of("timeout", "300ms"), Map.of()),
                    "/api/v1/query got no answer within 300 ms (the trigger's timeout)");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        } finally {
            release.countDown();
        }
    }

    @ParameterizedTest(name = "a redirect to {0} keeps the bearer token: {1}")
    @CsvSource({"127.0.0.1, true", "localhost, false"})
    void redirectsAreFollowedAndKeepCredentialsOnTheFirstHostOnly(String host, boolean keepsToken) {
        try (TestHttpServer target = TestHttpServer.http(forwardingTo(prometheus.address()));
                TestHttpServer redirecting = TestHttpServer.http(request -> new TestHttpServer.Answer(307, "",
                        Map.of("Location", "http://" + host + ":" + target.port() + request.uri())))) {
            assertThat(sample(trigger(redirecting.address(), ORDERS, Map.of("authModes", "bearer"), Map.of("bearerToken", "s3cret"))))
                    .isEqualTo(seven());
            assertThat(target.lastReceived().header("Authorization") != null).isEqualTo(keepsToken);
        }
    }
}
