package dev.tide.scaler.metricsapi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.tide.scaler.metricsapi.MetricsApiParametersTest.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.TriggerConfig;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The scaler against a real HTTP server (WireMock), plain and TLS. */
class MetricsApiScalerTest {

    @RegisterExtension
    static final WireMockExtension API = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().dynamicHttpsPort())
            .build();

    private static final String PATH = "/api/v1/stats";
    private static final String TOKEN = "secure-token";
    private static final String API_KEY = "s3cr3t-key";

    private final MetricsApiScalerFactory factory = new MetricsApiScalerFactory();

    @Test
    void namesItsMetricAsKedaDoesAndTargetsTheValuePerReplica() {
        TriggerConfig trigger = TriggerConfig.builder("metrics-api").triggerIndex(1)
                .metadata(Map.of("url", "http://dummy:1230/api/v1/", "valueLocation", "metric.test", "targetValue", "42.5"))
                .build();

        try (Scaler scaler = factory.create(trigger)) {
            assertThat(scaler.metricSpecs()).containsExactly(
                    new MetricSpec("s1-metric-api-metric-test", MetricTargetType.AVERAGE_VALUE, new MilliValue(42_500)));
        }
    }

    @ParameterizedTest(name = "value {0} with activationTargetValue {1}: active {2}")
    @CsvSource({
            "12,  0,   true",
            "0,   0,   false",
            "3.8, 3.8, false",
            "3.9, 3.8, true"})
    void samplesTheValueAndIsActiveOnlyAboveTheActivationTarget(double value, double activation, boolean active) {
        API.stubFor(get(PATH).willReturn(okJson("{\"components\": {\"worker\": {\"tasks\": " + value + "}}}")));

        try (Scaler scaler = scaler("activationTargetValue=" + activation, "")) {
            assertThat(scaler.sample("s0-metric-api-components-worker-tasks"))
                    .isEqualTo(ScalerSample.of(MetricValue.of("s0-metric-api-components-worker-tasks", value), active));
        }
    }

    static Stream<Arguments> credentials() {
        return Stream.of(
                auth("bearer", "authMode=bearer", "token=" + TOKEN,
                        stub -> stub.withHeader("Authorization", equalTo("Bearer " + TOKEN))),
                auth("basic", "authMode=basic", "username=user;password=pass",
                        stub -> stub.withHeader("Authorization", equalTo("Basic dXNlcjpwYXNz"))),
                auth("basic without password", "authMode=basic", "username=user",
                        stub -> stub.withHeader("Authorization", equalTo("Basic dXNlcjo="))),
                auth("apiKey in the default header", "authMode=apiKey", "apiKey=" + API_KEY,
                        stub -> stub.withHeader("X-API-KEY", equalTo(API_KEY))),
                auth("apiKey in a named header", "authMode=apiKey", "apiKey=" + API_KEY + ";keyParamName=X-Custom",
                        stub -> stub.withHeader("X-Custom", equalTo(API_KEY))),
                auth("apiKey in the default query parameter", "authMode=apiKey", "apiKey=" + API_KEY + ";method=query",
                        stub -> stub.withQueryParam("api_key", equalTo(API_KEY))),
                auth("apiKey in a named query parameter", "authMode=apiKey;method=query;keyParamName=key",
                        "apiKey=" + API_KEY, stub -> stub.withQueryParam("key", equalTo(API_KEY))),
                auth("apiKey with bearer", "authModes=apiKey,bearer", "apiKey=" + API_KEY + ";bearerToken=" + TOKEN,
                        stub -> stub.withHeader("X-API-KEY", equalTo(API_KEY))
                                .withHeader("Authorization", equalTo("Bearer " + TOKEN))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("credentials")
    void sendsTheCredentialsOfItsAuthMode(String mode, String metadata, String authParams,
            UnaryOperator<MappingBuilder> expectedRequest) {
        API.stubFor(get(urlPathEqualTo(PATH)).atPriority(10).willReturn(aResponse().withStatus(401)));
        API.stubFor(expectedRequest.apply(get(urlPathEqualTo(PATH))).atPriority(1)
                .willReturn(okJson("{\"components\": {\"worker\": {\"tasks\": 4}}}")));

        try (Scaler scaler = scaler(metadata, authParams)) {
            assertThat(scaler.sample("m").values()).containsExactly(MetricValue.of("m", 4));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            HTTP 503             | 503 | {"components": {"worker": {"tasks": 4}}} | /api/v1/stats: api returned 503
            a missing path       | 200 | {"components": {}}                       | valueLocation "components.worker.tasks" must point to a numeric value or a string parseable as a Quantity, got Null
            not a number         | 200 | {"components": {"worker": {"tasks": "many"}}} | valueLocation "components.worker.tasks" points to a string that is not parseable as a Quantity
            an object            | 200 | {"components": {"worker": {"tasks": {}}}} | must point to a numeric value or a string parseable as a Quantity, got JSON
            a body that is no JSON | 200 | <html>oops</html>                      | the response is not JSON
            an empty body        | 200 |                                          | must point to a numeric value or a string parseable as a Quantity, got Null
            """)
    void failsWithAClearMessageThatNeverShowsTheCredentials(String what, int status, String body, String message) {
        API.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(status).withBody(body == null ? "" : body)));

        try (Scaler scaler = scaler("authModes=apiKey,bearer;method=query", "apiKey=" + API_KEY + ";token=" + TOKEN)) {
            assertThatThrownBy(() -> scaler.sample("m"))
                    .isInstanceOf(ScalerException.class)
                    .hasMessageStartingWith("trigger[0] (metrics-api): ")
                    .hasMessageContaining(message)
                    .hasMessageContaining("GET http://localhost:" + API.getPort() + PATH)
                    .message().doesNotContain(API_KEY, TOKEN);
        }
    }

    @ParameterizedTest(name = "auth \"{0}\": redirect followed {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''              | true
            authMode=apiKey | false
            """)
    void followsRedirectsOnlyWhenItSendsNoCredentials(String metadata, boolean followed) {
        API.stubFor(get(PATH).willReturn(aResponse().withStatus(302).withHeader("Location", "/moved")));
        API.stubFor(get("/moved").willReturn(okJson("{\"components\": {\"worker\": {\"tasks\": 3}}}")));

        try (Scaler scaler = scaler(metadata, "apiKey=" + API_KEY)) {
            if (followed) {
                assertThat(scaler.sample("m").values()).containsExactly(MetricValue.of("m", 3));
            } else {
                assertThatThrownBy(() -> scaler.sample("m")).hasMessageContaining("api returned 302");
            }
        }
    }

    @Test
    void anUnreachableApiIsAScalerError() {
        TriggerConfig trigger = trigger("http://127.0.0.1:1" + PATH, "", "");

        try (Scaler scaler = factory.create(trigger)) {
            assertThatThrownBy(() -> scaler.sample("m"))
                    .isInstanceOf(ScalerException.class)
                    .hasMessageStartingWith("trigger[0] (metrics-api): GET http://127.0.0.1:1/api/v1/stats failed: ")
                    .hasMessageContaining("ConnectException");
        }
    }

    @ParameterizedTest(name = "unsafeSsl {0} against a self-signed certificate: read {1}")
    @CsvSource({"true, true", "false, false"})
    void unsafeSslAcceptsAServerCertificateNoOneSigned(boolean unsafeSsl, boolean read) {
        API.stubFor(get(PATH).willReturn(okJson("{\"components\": {\"worker\": {\"tasks\": 9}}}")));
        TriggerConfig trigger = trigger("https://localhost:" + API.getHttpsPort() + PATH, "unsafeSsl=" + unsafeSsl, "");

        try (Scaler scaler = factory.create(trigger)) {
            if (read) {
                assertThat(scaler.sample("m").values()).containsExactly(MetricValue.of("m", 9));
            } else {
                assertThatThrownBy(() -> scaler.sample("m"))
                        .isInstanceOf(ScalerException.class)
                        .hasMessageContaining("SSLHandshakeException");
            }
        }
    }

    private Scaler scaler(String metadata, String authParams) {
        return factory.create(trigger("http://localhost:" + API.getPort() + PATH, metadata, authParams));
    }

    private static TriggerConfig trigger(String url, String metadata, String authParams) {
        Map<String, String> all = new java.util.HashMap<>(
                Map.of("url", url, "valueLocation", "components.worker.tasks", "targetValue", "5"));
        if (!metadata.isEmpty()) {
            all.putAll(map(metadata));
        }
        return TriggerConfig.builder("metrics-api").metadata(all).authParams(authParams.isEmpty() ? Map.of() : map(authParams))
                .build();
    }

    private static Arguments auth(String mode, String metadata, String authParams, UnaryOperator<MappingBuilder> stub) {
        return Arguments.of(mode, metadata, authParams, stub);
    }
}
