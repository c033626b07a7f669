package dev.tide.scaler.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.PodIdentity;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.TriggerCheck;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.prometheus.AuthParameters.AuthMode;
import dev.tide.scaler.prometheus.testing.TestHttpServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * KEDA's own tables for the prometheus scaler ({@code pkg/scalers/prometheus_scaler_test.go}, KEDA commit
 * {@code 8b4f083}), row for row; each display name starts with KEDA's comment or case name. Where KEDA only says
 * "error", the refusal is Tide's binder's message; where Tide decides differently, the row says why.
 */
class PrometheusKedaParityTest {

    private static final String LABEL = "trigger[0] (prometheus): ";
    private static final Instant NOW = Instant.parse("2026-12-03T10:15:30.250Z");

    private static TestHttpServer server;
    private final PrometheusClients clients = new PrometheusClients();
    private final PrometheusScalerFactory factory = new PrometheusScalerFactory(clients, Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeAll
    static void startServer() {
        server = TestHttpServer.http(TestHttpServer.canned(200, "{}"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** KEDA's rows all start from these four keys ({@code metricName} is no parameter any more: ignored by both). */
    private static Map<String, String> base(String... more) {
        Map<String, String> metadata = new HashMap<>(Map.of("serverAddress", "http://localhost:9090",
                "metricName", "http_requests_total", "threshold", "100", "query", "up"));
        for (int i = 0; i < more.length; i += 2) {
            metadata.put(more[i], more[i + 1]);
        }
        return metadata;
    }

    private static TriggerConfig config(Map<String, String> metadata, Map<String, String> authParams, String podIdentity) {
        return TriggerConfig.builder("prometheus").metadata(metadata).authParams(authParams)
                .podIdentity(podIdentity == null ? PodIdentity.none() : PodIdentity.of(podIdentity)).build();
    }

    // ---- TestPrometheusParseMetadata (testPromMetadata) ------------------------------------------------------------

    static Stream<Arguments> metadataRows() {
        return Stream.of(
                Arguments.of("empty metadata", Map.of(), "missing required parameter \"serverAddress\" in [triggerMetadata]; "
                        + "missing required parameter \"query\" in [triggerMetadata]; "
                        + "missing required parameter \"threshold\" in [triggerMetadata]"),
                Arguments.of("all properly formed", base(), null),
                Arguments.of("all properly formed, with namespace", without(base("namespace", "foo"), "metricName"), null),
                Arguments.of("all properly formed, with ignoreNullValues", base("ignoreNullValues", "false"), null),
                Arguments.of("all properly formed, with activationThreshold", base("activationThreshold", "50"), null),
                Arguments.of("missing serverAddress", base("serverAddress", ""),
                        "missing required parameter \"serverAddress\" in [triggerMetadata]"),
                Arguments.of("missing threshold", without(base(), "threshold"),
                        "missing required parameter \"threshold\" in [triggerMetadata]"),
                Arguments.of("malformed threshold", base("threshold", "one"), "parameter \"threshold\" value \"one\" must be a number"),
                Arguments.of("malformed threshold (activationThreshold)", base("activationThreshold", "one"),
                        "parameter \"activationThreshold\" value \"one\" must be a number"),
                Arguments.of("missing query", base("query", ""), "missing required parameter \"query\" in [triggerMetadata]"),
                Arguments.of("ignoreNullValues with wrong value", base("ignoreNullValues", "xxxx"),
                        "parameter \"ignoreNullValues\" value \"xxxx\" must be true or false"),
                Arguments.of("unsafeSsl", base("serverAddress", "https://localhost:9090", "unsafeSsl", "true"), null),
                Arguments.of("customHeaders", base("customHeaders", "key1=value1,key2=value2"), null),
                Arguments.of("customHeaders with wrong format", base("customHeaders", "key1=value1,key2"),
                        "parameter \"customHeaders\" value \"key2\" must be of the form key=value"),
                Arguments.of("queryParameters", base("queryParameters", "key1=value1,key2=value2"), null),
                Arguments.of("queryParameters with wrong format", base("queryParameters", "key1=value1,key2"),
                        "parameter \"queryParameters\" value \"key2\" must be of the form key=value"),
                Arguments.of("valid custom http client timeout", base("timeout", "1000"), null),
                Arguments.of("invalid - negative - custom http client timeout", base("timeout", "-1"),
                        "parameter \"timeout\" value \"-1\" duration cannot be negative"),
                Arguments.of("invalid - not a number - custom http client timeout with milliseconds", base("timeout", "a"),
                        "parameter \"timeout\" value \"a\" must be either a duration string (e.g. '30s', '5m') or a number "
                                + "of milliseconds"));
    }

    /** {@code refusal} is null where KEDA accepts the row; accepted rows keep every value as KEDA parses it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("metadataRows")
    void metadataIsAcceptedOrRefusedAsKedaDecides(String row, Map<String, String> metadata, String refusal) {
        TriggerConfig config = config(metadata, Map.of(), null);
        TriggerCheck check = factory.validate(config, Set.of());
        if (refusal != null) {
            assertThatThrownBy(() -> PrometheusTrigger.parse(config)).isInstanceOf(ScalerConfigException.class)
                    .hasMessage(LABEL + refusal);
            assertThat(check.errors()).extracting(TriggerCheck.Issue::message).containsExactly(refusal.split("; "));
            return;
        }
        assertThat(check.errors()).isEmpty();
        PrometheusParameters parameters = PrometheusTrigger.parse(config).parameters();
        assertThat(parameters.serverAddress()).isEqualTo(metadata.get("serverAddress"));
        assertThat(parameters.query()).isEqualTo("up");
        assertThat(parameters.threshold()).isEqualTo(100.0);
        assertThat(parameters.activationThreshold()).isEqualTo(Double.parseDouble(metadata.getOrDefault("activationThreshold", "0")));
        assertThat(parameters.namespace()).isEqualTo(java.util.Optional.ofNullable(metadata.get("namespace")));
        assertThat(parameters.ignoreNullValues()).as("KEDA's default is true").isEqualTo(!"false".equals(metadata.get("ignoreNullValues")));
        assertThat(parameters.unsafeSsl()).isEqualTo("true".equals(metadata.get("unsafeSsl")));
        assertThat(parameters.customHeaders()).isEqualTo(pairs(metadata.get("customHeaders")));
        assertThat(parameters.queryParameters()).isEqualTo(pairs(metadata.get("queryParameters")));
        assertThat(parameters.requestTimeout()).isEqualTo(java.util.Optional.ofNullable(metadata.get("timeout"))
                .map(ms -> Duration.ofMillis(Long.parseLong(ms))));
    }

    // ---- TestPrometheusGetMetricSpecForScaling (prometheusMetricIdentifiers) ---------------------------------------

    @ParameterizedTest(name = "trigger index {0} names its metric {1}")
    @CsvSource({"0, s0-prometheus", "1, s1-prometheus"})
    void metricNameCarriesTheTriggerIndex(int index, String name) {
        TriggerConfig config = TriggerConfig.builder("prometheus").triggerIndex(index).metadata(base()).build();
        try (Scaler scaler = factory.create(config)) {
            assertThat(scaler.metricSpecs()).singleElement().satisfies(spec -> {
                assertThat(spec.metricName()).isEqualTo(name);
                assertThat(spec.target()).isEqualTo(MilliValue.ofWhole(100));
            });
        }
    }

    // ---- TestPrometheusScalerAuthParams (testPrometheusAuthMetadata) -----------------------------------------------

    static Stream<Arguments> authRows() {
        Map<String, String> pem = Map.of("ca", "caaa", "cert", "ceert", "key", "keey");
        Map<String, String> basic = Map.of("username", "user", "password", "pass");
        return Stream.of(
                Arguments.of("success TLS", "tls", pem, null, null),
                Arguments.of("TLS, ca is optional", "tls", Map.of("cert", "ceert", "key", "keey"), null, null),
                Arguments.of("fail TLS, key not given", "tls", Map.of("ca", "caaa", "cert", "ceert"), null,
                        "cert=<present> and key=<empty> are required when tls auth is enabled"),
                Arguments.of("fail TLS, cert not given", "tls", Map.of("ca", "caaa", "key", "keey"), null,
                        "cert=<empty> and key=<present> are required when tls auth is enabled"),
                Arguments.of("success bearer default", "bearer", Map.of("bearerToken", "tooooken"), null, null),
                Arguments.of("fail bearerAuth with no token", "bearer", Map.of(), null,
                        "bearer token=<empty> is required when bearer auth is enabled"),
                Arguments.of("success basicAuth", "basic", basic, null, null),
                Arguments.of("fail basicAuth with no username", "basic", Map.of(), null,
                        "username=<empty> is required when basic auth is enabled"),
                Arguments.of("tls and basic", "tls, basic", merged(pem, basic), null, null),
                Arguments.of("tls and basic without cert and key", "tls,basic", basic, null,
                        "cert=<empty> and key=<empty> are required when tls auth is enabled"),
                Arguments.of("success custom auth", "custom", Map.of("customAuthHeader", "header", "customAuthValue", "value"), null, null),
                Arguments.of("fail custom auth with no customAuthHeader", "custom", Map.of("customAuthHeader", ""), null,
                        "customAuthHeader=<empty> and customAuthValue=<empty> are required when custom auth is enabled"),
                Arguments.of("fail custom auth with no customAuthValue", "custom", Map.of("customAuthValue", ""), null,
                        "customAuthHeader=<empty> and customAuthValue=<empty> are required when custom auth is enabled"),
                Arguments.of("success custom auth with newlines in customAuthHeader", "custom",
                        Map.of("customAuthHeader", "header\n", "customAuthValue", "value\n"), null, null),
                Arguments.of("tls and basic without cert and key (again)", "tls,basic", basic, null,
                        "cert=<empty> and key=<empty> are required when tls auth is enabled"),
                Arguments.of("pod identity and other auth modes enabled together", "basic", basic, "azure-workload",
                        "pod identity cannot be enabled with other auth types"),
                // KEDA accepts it and reads Azure Monitor managed Prometheus with the workload identity; Tide does not
                // implement that and refuses it by name (docs/compatibility.md).
                Arguments.of("azure workload identity (refused: not implemented)", null, Map.of(), "azure-workload",
                        "podIdentity azure-workload (Azure Monitor managed Prometheus) is not supported by Tide's prometheus "
                                + "scaler: authenticate with authModes (bearer, basic, tls, custom, oauth or apiKey) instead"),
                Arguments.of("azure pod identity", null, Map.of(), "azure", null));
    }

    /** Accepted rows enable exactly the modes written, as KEDA's test checks. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("authRows")
    void authenticationIsAcceptedOrRefusedAsKedaDecides(String row, String authModes, Map<String, String> authParams,
            String podIdentity, String refusal) {
        Map<String, String> metadata = base();
        if (authModes != null) {
            metadata.put("authModes", authModes);
        }
        TriggerConfig config = config(metadata, authParams, podIdentity);
        if (refusal != null) {
            assertThatThrownBy(() -> PrometheusTrigger.parse(config)).isInstanceOf(ScalerConfigException.class)
                    .hasMessage(LABEL + refusal);
            assertThat(factory.validate(config, Set.of()).errors()).extracting(TriggerCheck.Issue::message).containsExactly(refusal);
            return;
        }
        AuthParameters auth = PrometheusTrigger.parse(config).auth();
        assertThat(factory.validate(config, Set.of()).errors()).isEmpty();
        Set<String> written = authModes == null ? Set.of()
                : Arrays.stream(authModes.split(",")).map(String::trim).collect(Collectors.toSet());
        assertThat(auth.authModes()).extracting(AuthMode::parameterValue).containsExactlyInAnyOrderElementsOf(written);
    }

    // ---- TestPrometheusScaler_ExecutePromQuery_WithGcpNativeAuthentication: Tide refuses each way in -------------

    @ParameterizedTest(name = "{0} (refused: Google Cloud credentials are not implemented)")
    @CsvSource(delimiter = '|', value = {
        "using GCP workload identity                     | gcp  |                              |",
        "with Google app credentials on auth params      |      | GoogleApplicationCredentials |",
        "with Google app credentials on envs             |      |                              | credentialsFromEnv",
        "with Google app credentials file on auth params |      |                              | credentialsFromEnvFile"})
    void googleCloudCredentialsAreRefusedByName(String row, String podIdentity, String authParam, String metadataKey) {
        Map<String, String> metadata = base();
        if (metadataKey != null) {
            metadata.put(metadataKey, "GCP_APP_CREDENTIALS");
        }
        TriggerConfig config = config(metadata, authParam == null ? Map.of() : Map.of(authParam, "{}"), podIdentity);
        assertThatThrownBy(() -> factory.create(config)).isInstanceOf(ScalerConfigException.class)
                .hasMessageContaining("Google Cloud credentials").hasMessageContaining("not supported by Tide's prometheus scaler");
    }

    // ---- TestPrometheusScalerExecutePromQuery (testPromQueryResult) -------------------------------------------------

    static Stream<Arguments> queryResultRows() {
        String lost = "prometheus metrics 'prometheus' target may be lost, ";
        return Stream.of(
                Arguments.of("no results", "{}", 200, 0.0, null, true, false),
                Arguments.of("no values", "{\"data\":{\"result\":[]}}", 200, 0.0, null, true, true),
                Arguments.of("no values but shouldn't ignore", "{\"data\":{\"result\":[]}}", 200, -1.0, lost + "the result is empty", false, false),
                Arguments.of("value is empty list", "{\"data\":{\"result\":[{\"value\": []}]}}", 200, 0.0, null, true, true),
                Arguments.of("value is empty list but shouldn't ignore", "{\"data\":{\"result\":[{\"value\": []}]}}", 200, -1.0,
                        lost + "the value list is empty", false, false),
                Arguments.of("valid value", "{\"data\":{\"result\":[{\"value\": [\"1\", \"2\"]}]}}", 200, 2.0, null, true, true),
                Arguments.of("not enough values", "{\"data\":{\"result\":[{\"value\": [\"1\"]}]}}", 200, -1.0,
                        "prometheus query up didn't return enough values", true, true),
                Arguments.of("multiple results", "{\"data\":{\"result\":[{},{}]}}", 200, -1.0,
                        "prometheus query up returned multiple elements", true, true),
                Arguments.of("error status response", "{}", 400, -1.0, "prometheus query api returned error. status: 400", true, true),
                Arguments.of("+Inf", "{\"data\":{\"result\":[{\"value\": [\"1\", \"+Inf\"]}]}}", 200, 0.0, null, true, true),
                Arguments.of("+Inf but shouldn't ignore ", "{\"data\":{\"result\":[{\"value\": [\"1\", \"+Inf\"]}]}}", 200, -1.0,
                        "prometheus query returns +Inf", false, true),
                Arguments.of("-Inf", "{\"data\":{\"result\":[{\"value\": [\"1\", \"-Inf\"]}]}}", 200, 0.0, null, true, true),
                Arguments.of("-Inf but shouldn't ignore ", "{\"data\":{\"result\":[{\"value\": [\"1\", \"-Inf\"]}]}}", 200, -1.0,
                        "prometheus query returns -Inf", false, true),
                Arguments.of("NaN", "{\"data\":{\"result\":[{\"value\": [\"1\", \"NaN\"]}]}}", 200, 0.0, null, true, true),
                Arguments.of("NaN but shouldn't ignore ", "{\"data\":{\"result\":[{\"value\": [\"1\", \"NaN\"]}]}}", 200, -1.0,
                        "prometheus query returns NaN", false, true));
    }

    /**
     * The real scaler against a server that answers KEDA's canned bodies. KEDA's {@code -1} with an error is a
     * {@link ScalerException} with KEDA's message; a value is reported in milli units.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("queryResultRows")
    void queryResultIsReadAsKedaReadsIt(String row, String body, int status, double expected, String error,
            boolean ignoreNullValues, boolean unsafeSsl) {
        server.respondWith(TestHttpServer.canned(status, body));
        Map<String, String> metadata = base("serverAddress", server.address(), "ignoreNullValues", String.valueOf(ignoreNullValues),
                "unsafeSsl", String.valueOf(unsafeSsl));
        try (Scaler scaler = factory.create(config(metadata, Map.of(), null))) {
            if (error != null) {
                assertThatThrownBy(() -> scaler.sample("s0-prometheus")).isInstanceOf(ScalerException.class).hasMessage(LABEL + error);
                return;
            }
            ScalerSample sample = scaler.sample("s0-prometheus");
            assertThat(sample.values()).containsExactly(MetricValue.of("s0-prometheus", expected));
            assertThat(sample.active()).isEqualTo(expected > 0);
        }
    }

    // ---- TestPrometheusScalerCustomHeaders and TestPrometheusScalerExecutePromQueryParameters ----------------------

    @Test
    void customHeadersAreSentWithTheQuery() {
        server.respondWith(TestHttpServer.canned(200, "{\"data\":{\"result\":[]}}"));
        Map<String, String> metadata = base("serverAddress", server.address(),
                "customHeaders", "X-Client-Id=cid,X-Tenant-Id=tid,X-Organization-Token=oid");
        try (Scaler scaler = factory.create(config(metadata, Map.of(), null))) {
            assertThat(scaler.sample("s0-prometheus").values()).containsExactly(MetricValue.of("s0-prometheus", 0));
        }
        TestHttpServer.Received request = server.lastReceived();
        assertThat(request.header("X-Client-Id")).isEqualTo("cid");
        assertThat(request.header("X-Tenant-Id")).isEqualTo("tid");
        assertThat(request.header("X-Organization-Token")).isEqualTo("oid");
    }

    @Test
    void queryParametersAndTheTimeReachTheQueryPath() {
        server.respondWith(TestHttpServer.canned(200, "{\"data\":{\"result\":[]}}"));
        Map<String, String> metadata = base("serverAddress", server.address(), "queryParameters", "first=foo,second=bar");
        try (Scaler scaler = factory.create(config(metadata, Map.of(), null))) {
            scaler.sample("s0-prometheus");
        }
        TestHttpServer.Received request = server.lastReceived();
        assertThat(request.uri().getPath()).isEqualTo("/api/v1/query");
        assertThat(request.uri().getRawQuery()).isEqualTo("query=up&time=2026-12-03T10:15:30Z&first=foo&second=bar");
    }

    private static Map<String, String> without(Map<String, String> metadata, String key) {
        metadata.remove(key);
        return metadata;
    }

    private static Map<String, String> merged(Map<String, String> first, Map<String, String> second) {
        Map<String, String> merged = new HashMap<>(first);
        merged.putAll(second);
        return merged;
    }

    private static Map<String, String> pairs(String text) {
        if (text == null) {
            return Map.of();
        }
        return Arrays.stream(text.split(",")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
    }
}
