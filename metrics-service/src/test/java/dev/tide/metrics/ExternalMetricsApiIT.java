package dev.tide.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.jsonResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.servicetest.MutableClock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.jayway.jsonpath.JsonPath;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The whole service over TLS, with two WireMock servers standing in for a leader and a standby
 * controller replica and a third address that refuses connections.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExternalMetricsApiIT {

    private static final String HPA_USER = "system:serviceaccount:kube-system:horizontal-pod-autoscaler";
    private static final String METRICS = "/apis/external.metrics.k8s.io/v1beta1/namespaces/";
    private static final Instant START = Instant.parse("2026-11-29T08:00:00Z");

    private static final Path PKI = pki();
    private static final TestPki SERVING_CA = TestPki.authority("tide-serving-ca");
    private static final TestPki REQUEST_HEADER_CA = TestPki.authority("front-proxy-ca");
    private static final TestPki CONTROLLER_CA = TestPki.authority("tide-controller-ca");
    private static final TestPki ROGUE_CA = TestPki.authority("rogue-ca");
    private static final HttpClient AGGREGATOR = client(SERVING_CA.clientContext(REQUEST_HEADER_CA.client("front-proxy-client")));
    private static final HttpClient NO_CERTIFICATE = client(SERVING_CA.clientContext(null));
    private static final HttpClient WRONG_NAME = client(SERVING_CA.clientContext(REQUEST_HEADER_CA.client("someone-else")));
    private static final HttpClient ROGUE = client(SERVING_CA.clientContext(ROGUE_CA.client("front-proxy-client")));
    private static final int REFUSING_PORT = freePort();
    private static final HttpClient PLAIN = HttpClient.newHttpClient();

    static {
        SERVING_CA.server("tide-metrics-service").writePem(PKI, "tls");
        REQUEST_HEADER_CA.writeCertificate(PKI, "requestheader-client-ca");
        CONTROLLER_CA.writeCertificate(PKI, "controller-ca");
        CONTROLLER_CA.client("tide-metrics-service").writePem(PKI, "controller-client");
    }

    @RegisterExtension
    static final WireMockExtension leader =
            WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static final WireMockExtension standby =
            WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("tide.metrics.cert-dir", PKI::toString);
        registry.add("tide.metrics.controller.endpoints", () -> String.join(",",
                "http://127.0.0.1:" + REFUSING_PORT, standby.baseUrl(), leader.baseUrl()));
        registry.add("tide.metrics.controller.ssl-bundle", () -> "");
        registry.add("tide.metrics.controller.read-timeout", () -> "1500ms");
        registry.add("tide.metrics.controller.last-known-max-age", () -> "60s");
        registry.add("tide.metrics.auth.allowed-names", () -> "front-proxy-client");
        registry.add("tide.metrics.auth.allowed-users", () -> HPA_USER);
        registry.add("tide.metrics.auth.allowed-groups", () -> "system:masters");
        registry.add("server.port", () -> "0");
        registry.add("management.server.port", () -> "0");
        registry.add("resilience4j.circuitbreaker.instances.controller.minimum-number-of-calls", () -> "4");
        registry.add("resilience4j.circuitbreaker.instances.controller.sliding-window-size", () -> "4");
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(START);
        }
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    MutableClock clock;

    @AfterAll
    static void removeKeys() throws IOException {
        FileSystemUtils.deleteRecursively(PKI);
    }

    @BeforeEach
    void reset() {
        leader.resetAll();
        standby.resetAll();
        standby.stubFor(any(anyUrl()).willReturn(jsonResponse(
                Map.of("reason", "NotLeader", "message", "this replica is a standby"), 503)));
        breakers.circuitBreaker(MetricsServiceConfiguration.BREAKER).reset();
        clock.set(START);
    }

    @Test
    void servesTheValueInTheShapeTheHpaDecodes() {
        leaderAnswers("default", "orders", "s0-kafka-orders", "2500m");

        HttpResponse<String> response = call(AGGREGATOR, metricPath("default", "s0-kafka-orders", "orders"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        String body = response.body();
        Map<String, Object> list = JsonPath.read(body, "$");
        assertThat(list).containsOnlyKeys("kind", "apiVersion", "metadata", "items");
        assertThat(list.get("kind")).isEqualTo("ExternalMetricValueList");
        assertThat(list.get("apiVersion")).isEqualTo("external.metrics.k8s.io/v1beta1");
        assertThat((Map<?, ?>) list.get("metadata")).isEmpty();
        List<Map<String, Object>> items = JsonPath.read(body, "$.items");
        assertThat(items).hasSize(1);
        Map<String, Object> item = items.get(0);
        assertThat(item).containsOnlyKeys("metricName", "metricLabels", "timestamp", "value");
        assertThat(item.get("metricName")).isEqualTo("s0-kafka-orders");
        assertThat((Map<?, ?>) item.get("metricLabels")).isEmpty();
        assertThat(item.get("timestamp")).isEqualTo("2026-11-29T07:52:10Z");
        assertThat(item.get("value")).isEqualTo("2500m");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "scaledobject.keda.sh/name==orders",
        "scaledobject.keda.sh/name in (orders)",
        "app=web,scaledobject.keda.sh/name=orders"})
    void acceptsEverySelectorThatPinsTheScaledObject(String selector) {
        leaderAnswers("default", "orders", "s0-kafka-orders", "5000m");

        HttpResponse<String> response = call(AGGREGATOR, METRICS + "default/s0-kafka-orders?labelSelector="
                + URLEncoder.encode(selector, StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(response.body(), "$.items[0].value")).isEqualTo("5");
    }

    @ParameterizedTest(name = "[{index}] selector \"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "''                                  | scaledObject name is not specified",
        "app=web                             | scaledObject name is not specified",
        "scaledobject.keda.sh/name in (a,b)  | allows several values",
        "scaledobject.keda.sh/name in orders | unable to parse label selector"})
    void rejectsRequestsThatDoNotNameOneScaledObject(String selector, String message) {
        HttpResponse<String> response = call(AGGREGATOR, METRICS + "default/s0-kafka-orders?labelSelector="
                + URLEncoder.encode(selector, StandardCharsets.UTF_8));

        assertStatus(response, 400, "BadRequest", message);
        leader.verify(0, getRequestedFor(anyUrl()));
    }

    @ParameterizedTest(name = "[{index}] controller {0} {1} -> {3}")
    @CsvSource(delimiter = '|', value = {
        "404 | ScaledObjectNotFound | ScaledObject default/orders not found | 404 | NotFound           | ScaledObject default/orders not found",
        "404 | MetricNotFound       | no metric s0-kafka-orders             | 404 | NotFound           | no metric s0-kafka-orders",
        "503 | SourceUnavailable    | kafka: broker unreachable             | 503 | ServiceUnavailable | kafka: broker unreachable",
        "500 | InternalError        | scaler crashed                        | 500 | InternalError      | scaler crashed"})
    void passesTheControllersErrorsOnAsKubernetesStatus(int controllerCode, String reason, String message,
            int code, String status, String expectedMessage) {
        leader.stubFor(get(urlPathEqualTo(controllerPath("default", "orders", "s0-kafka-orders")))
                .willReturn(jsonResponse(Map.of("reason", reason, "message", message), controllerCode)));

        assertStatus(call(AGGREGATOR, metricPath("default", "s0-kafka-orders", "orders")), code, status, expectedMessage);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "'{\"values\":[]}'                                                                  | returned no value",
        "'{\"values\":[{\"metricName\":\"m\",\"value\":\"lots\",\"timestamp\":\"2026-11-29T07:52:10Z\"}]}' | not a Kubernetes quantity",
        "'{\"values\":[{\"metricName\":\"m\",\"value\":\"5\"}]}'                             | without a timestamp",
        "'not json'                                                                        | could not be read"})
    void refusesToInventAValueFromAnUnusableAnswer(String body, String message) {
        leader.stubFor(get(urlPathEqualTo(controllerPath("default", "orders", "s9-broken")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));

        assertStatus(call(AGGREGATOR, metricPath("default", "s9-broken", "orders")), 500, "InternalError", message);
    }

    @Test
    void findsTheLeaderPastAStandbyAndAskesItFirstAfterwards() {
        leaderAnswers("default", "orders", "s0-kafka-orders", "5");
        assertThat(call(AGGREGATOR, metricPath("default", "s0-kafka-orders", "orders")).statusCode()).isEqualTo(200);
        standby.resetRequests();
        leader.resetRequests();

        assertThat(call(AGGREGATOR, metricPath("default", "s0-kafka-orders", "orders")).statusCode()).isEqualTo(200);

        standby.verify(0, getRequestedFor(anyUrl()));
        leader.verify(1, getRequestedFor(anyUrl()));
    }

    @Test
    void followsTheLeaderWhenItMovesToAnotherReplica() {
        leaderAnswers("default", "orders", "s0-kafka-orders", "5");
        call(AGGREGATOR, metricPath("default", "s0-kafka-orders", "orders"));
        // The old leader steps down; the standby takes over.
        leader.resetAll();
        leader.stubFor(any(anyUrl()).willReturn(jsonResponse(Map.of("reason", "NotLeader", "message", "standby"), 503)));
        standby.resetAll();
        standby.stubFor(get(urlPathEqualTo(controllerPath("default", "orders", "s0-kafka-orders")))
                .willReturn(okJson(controllerBody("default", "orders", "s0-kafka-orders", "7"))));

        HttpResponse<String> moved = call(AGGREGATOR, metricPath("default", "s0-kafka-orders", "orders"));
        leader.resetRequests();
        HttpResponse<String> again = call(AGGREGATOR, metricPath("default", "s0-kafka-orders", "orders"));

        assertThat((String) JsonPath.read(moved.body(), "$.items[0].value")).isEqualTo("7");
        assertThat(again.statusCode()).isEqualTo(200);
        leader.verify(0, getRequestedFor(anyUrl()));
    }

    @Test
    void answersServiceUnavailableWhenNoReplicaLeads() {
        leader.stubFor(any(anyUrl()).willReturn(jsonResponse(Map.of("reason", "NotLeader", "message", "standby"), 503)));

        HttpResponse<String> response = call(AGGREGATOR, metricPath("default", "s0-nobody", "orders"));

        assertStatus(response, 503, "ServiceUnavailable", "no controller replica answered as leader");
        assertThat(response.body()).contains("127.0.0.1:" + REFUSING_PORT + " refused the connection")
                .contains(standby.baseUrl() + " is not the leader")
                .contains(leader.baseUrl() + " is not the leader");
    }

    /** Readiness is the service's own (README, Readiness): a controller that does not answer fails requests, not the APIService. */
    @Test
    void staysReadyWhileNoControllerReplicaAnswers() {
        leader.stubFor(any(anyUrl()).willReturn(jsonResponse(Map.of("reason", "NotLeader", "message", "standby"), 503)));
        assertStatus(call(AGGREGATOR, metricPath("default", "s0-nobody", "orders")), 503, "ServiceUnavailable",
                "no controller replica answered as leader");

        HttpResponse<String> ready = send(NO_CERTIFICATE, "/readyz");

        assertThat(ready.statusCode()).isEqualTo(200);
    }

    @Test
    void waitsForASlowControllerWithinTheReadTimeout() {
        leader.stubFor(get(urlPathEqualTo(controllerPath("default", "orders", "s0-slow")))
                .willReturn(okJson(controllerBody("default", "orders", "s0-slow", "3")).withFixedDelay(300)));

        assertThat(call(AGGREGATOR, metricPath("default", "s0-slow", "orders")).statusCode()).isEqualTo(200);
    }

    @Test
    void givesUpOnAControllerSlowerThanTheReadTimeout() {
        leader.stubFor(get(urlPathEqualTo(controllerPath("default", "orders", "s0-stuck")))
                .willReturn(okJson(controllerBody("default", "orders", "s0-stuck", "3")).withFixedDelay(2500)));

        HttpResponse<String> response = call(AGGREGATOR, metricPath("default", "s0-stuck", "orders"));

        assertStatus(response, 503, "ServiceUnavailable", leader.baseUrl() + " timed out");
    }

    @Test
    void collapsesIdenticalConcurrentRequestsIntoOneControllerCall() {
        leader.stubFor(get(urlPathEqualTo(controllerPath("default", "orders", "s0-hot")))
                .willReturn(okJson(controllerBody("default", "orders", "s0-hot", "9")).withFixedDelay(1000)));

        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            responses.add(CompletableFuture.supplyAsync(() -> call(AGGREGATOR, metricPath("default", "s0-hot", "orders"))));
        }

        assertThat(responses).allSatisfy(r -> assertThat(r.join().statusCode()).isEqualTo(200));
        leader.verify(1, getRequestedFor(urlPathEqualTo(controllerPath("default", "orders", "s0-hot"))));
    }

    @Test
    void opensTheCircuitBreakerAfterRepeatedFailuresAndStopsAskingTheController() {
        leader.stubFor(get(urlPathEqualTo(controllerPath("default", "orders", "s0-failing")))
                .willReturn(jsonResponse(Map.of("reason", "InternalError", "message", "boom"), 500)));
        for (int i = 0; i < 4; i++) {
            assertStatus(call(AGGREGATOR, metricPath("default", "s0-failing", "orders")), 500, "InternalError", "boom");
        }

        HttpResponse<String> response = call(AGGREGATOR, metricPath("default", "s0-failing", "orders"));

        assertStatus(response, 503, "ServiceUnavailable", "circuit breaker is open");
        leader.verify(4, getRequestedFor(anyUrl()));
        assertThat(scrape()).containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"controller\"[^}]*state=\"open\"[^}]*} 1\\.0");
    }

    @Test
    void notFoundAnswersDoNotOpenTheCircuitBreaker() {
        leader.stubFor(get(urlPathEqualTo(controllerPath("default", "gone", "s0-x")))
                .willReturn(jsonResponse(Map.of("reason", "ScaledObjectNotFound", "message", "gone"), 404)));
        for (int i = 0; i < 6; i++) {
            assertStatus(call(AGGREGATOR, metricPath("default", "s0-x", "gone")), 404, "NotFound", "gone");
        }
        leader.verify(6, getRequestedFor(anyUrl()));
    }

    @Test
    void servesTheLastKnownValueOnlyWithinItsMaxAgeWhenTheControllerFails() {
        leaderAnswers("default", "orders", "s0-remembered", "7");
        assertThat(call(AGGREGATOR, metricPath("default", "s0-remembered", "orders")).statusCode()).isEqualTo(200);
        leader.resetAll();
        leader.stubFor(any(anyUrl()).willReturn(jsonResponse(Map.of("reason", "InternalError", "message", "boom"), 500)));

        clock.advance(Duration.ofSeconds(59));
        HttpResponse<String> remembered = call(AGGREGATOR, metricPath("default", "s0-remembered", "orders"));
        clock.advance(Duration.ofSeconds(2));
        HttpResponse<String> expired = call(AGGREGATOR, metricPath("default", "s0-remembered", "orders"));

        assertThat(remembered.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(remembered.body(), "$.items[0].value")).isEqualTo("7");
        assertThat(remembered.headers().firstValue("Warning"))
                .hasValue("299 - \"the controller failed; this is the last known value, 59s old\"");
        assertStatus(expired, 500, "InternalError", "boom");
        assertThat(scrape()).containsPattern("tide_metrics_last_known_served_total\\{[^}]*} [1-9]");
    }

    @ParameterizedTest(name = "[{index}] {0} -> {3}")
    @CsvSource(delimiter = '|', value = {
        "no certificate       | " + HPA_USER + " |                | 401 | Unauthorized | client certificate signed by the request-header CA is required",
        "wrong common name    | " + HPA_USER + " |                | 401 | Unauthorized | common name someone-else is not one of the allowed",
        "aggregator           |                  |                | 401 | Unauthorized | names no user in X-Remote-User",
        "aggregator           | alice            |                | 403 | Forbidden    | User \"alice\" cannot get resource \"externalmetrics\"",
        "aggregator           | alice            | system:masters | 200 |              | ",
        "aggregator           | " + HPA_USER + " |                | 200 |              | "})
    void authenticatesTheAggregatorAndAuthorizesTheUser(String caller, String user, String group, int code,
            String reason, String message) {
        leaderAnswers("default", "orders", "s0-kafka-orders", "1");
        HttpClient client = switch (caller) {
            case "no certificate" -> NO_CERTIFICATE;
            case "wrong common name" -> WRONG_NAME;
            default -> AGGREGATOR;
        };
        List<String> headers = new ArrayList<>();
        if (user != null) {
            headers.addAll(List.of("X-Remote-User", user));
        }
        if (group != null) {
            headers.addAll(List.of("X-Remote-Group", "system:authenticated", "X-Remote-Group", group));
        }

        HttpResponse<String> response = send(client, metricPath("default", "s0-kafka-orders", "orders"),
                headers.toArray(String[]::new));

        if (code == 200) {
            assertThat(response.statusCode()).isEqualTo(200);
        } else {
            assertStatus(response, code, reason, message);
        }
    }

    @Test
    void refusesAClientCertificateFromAnotherAuthority() {
        HttpResponse<String> response = call(ROGUE, metricPath("default", "s0-kafka-orders", "orders"));

        // The server names the request-header CA as the only acceptable issuer, so the client cannot
        // offer its certificate (a client forcing it would fail the handshake): no identity, 401.
        assertStatus(response, 401, "Unauthorized", "client certificate signed by the request-header CA");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/healthz", "/livez", "/readyz"})
    void answersHealthProbesWithoutACertificate(String path) {
        HttpResponse<String> response = send(NO_CERTIFICATE, path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "/apis                                    | $.kind | APIGroupList    | $.groups[0].preferredVersion.groupVersion",
        "/apis/external.metrics.k8s.io            | $.kind | APIGroup        | $.versions[0].groupVersion",
        "/apis/external.metrics.k8s.io/v1beta1    | $.kind | APIResourceList | $.groupVersion",
        "/openapi/v2                              | $.swagger | 2.0          | $.paths['/apis/external.metrics.k8s.io/v1beta1/namespaces/{namespace}/{metric}'].get.x-kubernetes-group-version-kind.group"})
    void servesDiscoveryAsPlainJsonEvenWhenAggregatedDiscoveryIsAskedFor(String path, String kindPath, String kind,
            String groupPath) {
        HttpResponse<String> response = call(AGGREGATOR, path, "Accept",
                "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat((String) JsonPath.read(response.body(), kindPath)).isEqualTo(kind);
        assertThat((String) JsonPath.read(response.body(), groupPath)).startsWith("external.metrics.k8s.io");
    }

    @Test
    void listsTheExternalMetricsResourceSoDiscoveryDoesNotWarn() {
        String body = call(AGGREGATOR, "/apis/external.metrics.k8s.io/v1beta1").body();

        Map<String, Object> resource = JsonPath.read(body, "$.resources[0]");
        assertThat(resource).containsEntry("name", "externalmetrics").containsEntry("namespaced", true)
                .containsEntry("kind", "ExternalMetricValueList").containsEntry("verbs", List.of("get"));
    }

    @Test
    void answersUnknownPathsWithANotFoundStatus() {
        assertStatus(call(AGGREGATOR, "/apis/metrics.k8s.io/v1beta1"), 404, "NotFound", "");
    }

    @Test
    void exportsRequestAndUpstreamLatencyByOutcome() {
        leaderAnswers("default", "orders", "s0-kafka-orders", "1");
        call(AGGREGATOR, metricPath("default", "s0-kafka-orders", "orders"));

        assertThat(scrape())
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*status=\"200\"[^}]*uri=\"/apis/external.metrics.k8s.io/v1beta1/namespaces/\\{namespace}/\\{metric}\"")
                .containsPattern("tide_metrics_upstream_requests_seconds_bucket\\{[^}]*outcome=\"success\"")
                .containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"controller\"[^}]*state=\"closed\"[^}]*} 1\\.0");
    }

    private static void leaderAnswers(String namespace, String scaledObject, String metric, String value) {
        leader.stubFor(get(urlPathEqualTo(controllerPath(namespace, scaledObject, metric)))
                .willReturn(okJson(controllerBody(namespace, scaledObject, metric, value))));
    }

    private static String controllerPath(String namespace, String scaledObject, String metric) {
        return "/internal/v1/namespaces/" + namespace + "/scaledobjects/" + scaledObject + "/metrics/" + metric;
    }

    private static String controllerBody(String namespace, String scaledObject, String metric, String value) {
        return """
                {"namespace":"%s","scaledObject":"%s","metricName":"%s",
                 "values":[{"metricName":"%s","value":"%s","timestamp":"2026-11-29T07:52:10.123Z"}],
                 "fromLastPoll":false,"fallback":false}""".formatted(namespace, scaledObject, metric, metric, value);
    }

    private static String metricPath(String namespace, String metric, String scaledObject) {
        return METRICS + namespace + "/" + metric + "?labelSelector="
                + URLEncoder.encode("scaledobject.keda.sh/name=" + scaledObject, StandardCharsets.UTF_8);
    }

    private static void assertStatus(HttpResponse<String> response, int code, String reason, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(code);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        Map<String, Object> status = JsonPath.read(response.body(), "$");
        assertThat(status).containsEntry("kind", "Status").containsEntry("apiVersion", "v1")
                .containsEntry("status", "Failure").containsEntry("reason", reason).containsEntry("code", code);
        assertThat((String) status.get("message")).contains(message);
    }

    private HttpResponse<String> call(HttpClient client, String path, String... headers) {
        String[] withUser = new String[headers.length + 2];
        withUser[0] = "X-Remote-User";
        withUser[1] = HPA_USER;
        System.arraycopy(headers, 0, withUser, 2, headers.length);
        return send(client, path, withUser);
    }

    private HttpResponse<String> send(HttpClient client, String path, String... headers) {
        try {
            return client.send(request(path, headers), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder.build();
    }

    private String scrape() {
        try {
            HttpRequest request = HttpRequest.newBuilder(
                    URI.create("http://localhost:" + managementPort + "/actuator/prometheus")).build();
            return PLAIN.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpClient client(SSLContext context) {
        return HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static Path pki() {
        try {
            return Files.createTempDirectory("tide-metrics-pki");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
