package dev.tide.scaler.metricsapi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.tide.scaler.metricsapi.MetricsApiParametersTest.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.TriggerCheck;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.params.ParameterBinder;
import dev.tide.scaler.metricsapi.MetricsApiAuth.AuthMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * KEDA's {@code pkg/scalers/metrics_api_scaler_test.go} (kedacore/keda 8b4f083), table by table and case by case: each
 * row has KEDA's decision, and for an accepted row the values Tide parsed; an error row has the message Tide gives
 * (KEDA's words where KEDA's scaler has them). Rows where Tide decides otherwise say so, and docs/compatibility.md
 * lists them. Not ported: the {@code aggregateFromKubeServiceEndpoints} tests ({@code
 * TestAggregateMetricsFromMultipleEndpoints_*}, {@code TestGetEndpointsUrlsFromServiceURL_SelectorFiltersCorrectly}),
 * a feature Tide refuses ({@link #aggregationFromServiceEndpointsIsRefusedSoKedasAggregationTestsHaveNoCounterpart}).
 */
class MetricsApiKedaParityTest {

    @RegisterExtension
    static final WireMockExtension API = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String DUMMY = "url=http://dummy:1230/api/v1/";

    private final MetricsApiScalerFactory factory = new MetricsApiScalerFactory();

    /** Ports {@code testMetricsAPIMetadata}, run by {@code TestParseMetricsAPIMetadata}. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # KEDA row                      | trigger metadata                                                          | error, or - when accepted | what Tide parsed
            No metadata                     | -                                                                         | missing required parameter "url" in [triggerMetadata]; missing required parameter "valueLocation" in [triggerMetadata]; missing required parameter "targetValue" in [triggerMetadata] | -
            OK                              | DUMMY;valueLocation=metric.test;targetValue=42                            | -  | http://dummy:1230/api/v1/ json metric.test target=42.0 activation=0.0 timeout=host
            Target not an int               | DUMMY;valueLocation=metric;targetValue=aa                                 | parameter "targetValue" value "aa" must be a number | -
            Activation target not an int    | DUMMY;valueLocation=metric;targetValue=1;activationTargetValue=aa         | parameter "activationTargetValue" value "aa" must be a number | -
            Missing metric name             | DUMMY;targetValue=aa                                                      | missing required parameter "valueLocation" in [triggerMetadata]; parameter "targetValue" value "aa" must be a number | -
            Missing url                     | valueLocation=metric;targetValue=aa                                       | missing required parameter "url" in [triggerMetadata]; parameter "targetValue" value "aa" must be a number | -
            Missing targetValue (KEDA: no targetValue given in metadata) | DUMMY;valueLocation=metric                   | missing required parameter "targetValue" in [triggerMetadata] | -
            Valid HTTP timeout              | DUMMY;valueLocation=metric;targetValue=42;timeout=1000                    | -  | http://dummy:1230/api/v1/ json metric target=42.0 activation=0.0 timeout=PT1S
            Invalid - negative - HTTP timeout | DUMMY;valueLocation=metric;targetValue=42;timeout=-1                    | parameter "timeout" value "-1": duration cannot be negative: -1 milliseconds | -
            Invalid - not a number - HTTP timeout | DUMMY;valueLocation=metric;targetValue=42;timeout=a                 | parameter "timeout" value "a": unable to parse duration value "a": must be either a duration string (e.g. '30s', '5m') or a number of milliseconds | -
            """)
    void parsesKedasMetadataRows(String row, String metadata, String error, String parsed) {
        TriggerConfig trigger = trigger(metadata, null);

        assertThat(messages(factory.validate(trigger, Set.of()))).isEqualTo(error == null ? "" : error);
        if (parsed != null) {
            MetricsApiParameters parameters = ParameterBinder.bind(trigger, MetricsApiParameters.class);
            assertThat(parameters.url() + " " + parameters.format().name().toLowerCase(Locale.ROOT) + " "
                    + parameters.valueLocation() + " target=" + parameters.targetValue() + " activation="
                    + parameters.activationTargetValue() + " timeout="
                    + parameters.requestTimeout().map(Object::toString).orElse("host")).isEqualTo(parsed);
        }
    }

    /**
     * Ports {@code testMetricsAPIAuthMetadata}, run by {@code TestMetricAPIScalerAuthParams}. KEDA's TLS rows carry no
     * real PEM: its parse accepts them and only building the scaler reads the PEM
     * ({@link #buildingTheScalerReadsThePemOfKedasTlsRowsAndRefusesItByName}).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # KEDA row                                          | trigger metadata                 | auth params                                     | error, or - when accepted | what Tide parsed
            success TLS                                         | OK;authMode=tls                  | ca=caaa;cert=ceert;key=keey                      | - | modes=[tls], tls with ca, unsafeSsl=false
            fail TLS, ca not given (KEDA: accepted)             | OK;authMode=tls                  | cert=ceert;key=keey                              | - | modes=[tls], tls without ca, unsafeSsl=false
            fail TLS, key not given                             | OK;authMode=tls                  | ca=caaa;cert=ceert                               | cert=<present> and key=<empty> are required when tls auth is enabled | -
            fail TLS, cert not given                            | OK;authMode=tls                  | ca=caaa;key=keey                                 | cert=<empty> and key=<present> are required when tls auth is enabled | -
            success apiKeyAuth default                          | OK;authMode=apiKey               | apiKey=apiikey                                   | - | modes=[apiKey], apiKey in header X-API-KEY, unsafeSsl=false
            success apiKeyAuth as query param                   | OK;authMode=apiKey               | apiKey=apiikey;method=query                      | - | modes=[apiKey], apiKey in query api_key, unsafeSsl=false
            success apiKeyAuth with headers and custom key name | OK;authMode=apiKey               | apiKey=apiikey;method=header;keyParamName=custom | - | modes=[apiKey], apiKey in header custom, unsafeSsl=false
            success apiKeyAuth with query param and custom key name | OK;authMode=apiKey           | apiKey=apiikey;method=query;keyParamName=custom  | - | modes=[apiKey], apiKey in query custom, unsafeSsl=false
            fail apiKeyAuth with no api key                     | OK;authMode=apiKey               | -                                                | apiKey is required when apiKey auth is enabled | -
            success basicAuth                                   | OK;authMode=basic                | username=user;password=pass                      | - | modes=[basic], basic user with password, unsafeSsl=false
            fail basicAuth with no username                     | OK;authMode=basic                | -                                                | username=<empty> is required when basic auth is enabled | -
            success bearerAuth default                          | OK;authMode=bearer               | token=bearerTokenValue                           | - | modes=[bearer], bearer token, unsafeSsl=false
            fail bearerAuth without token                       | OK;authMode=bearer               | -                                                | bearer token=<empty> is required when bearer auth is enabled | -
            success unsafeSsl true                              | OK;unsafeSsl=true                | -                                                | - | modes=[], unsafeSsl=true
            success unsafeSsl false                             | OK;unsafeSsl=false               | -                                                | - | modes=[], unsafeSsl=false
            failed unsafeSsl non bool                           | OK;unsafeSsl=yes                 | -                                                | parameter "unsafeSsl" value "yes" must be true or false | -
            success with both apiKey and TLS authentication     | OK;authMode=apiKey,tls           | apiKey=apiikey;ca=caaa;cert=ceert;key=keey       | - | modes=[apiKey, tls], apiKey in header X-API-KEY, tls with ca, unsafeSsl=false
            """)
    void parsesKedasAuthRows(String row, String metadata, String authParams, String error, String parsed) {
        TriggerConfig trigger = trigger(metadata, authParams);

        String messages = messages(factory.validate(trigger, Set.of()));
        assertThat(messages).isEqualTo(error == null ? "" : error).doesNotContain("apiikey", "pass", "bearerTokenValue",
                "caaa", "ceert", "keey");
        if (parsed != null) {
            assertThat(describe(ParameterBinder.bind(trigger, MetricsApiAuth.class),
                    ParameterBinder.bind(trigger, MetricsApiParameters.class))).isEqualTo(parsed);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            success TLS                                     | ca=caaa;cert=ceert;key=keey                | cert is not a PEM certificate
            fail TLS, ca not given                          | cert=ceert;key=keey                        | cert is not a PEM certificate
            success with both apiKey and TLS authentication | apiKey=apiikey;ca=caaa;cert=ceert;key=keey | cert is not a PEM certificate
            """)
    void buildingTheScalerReadsThePemOfKedasTlsRowsAndRefusesItByName(String row, String authParams, String error) {
        TriggerConfig trigger = trigger("OK;authMode=tls", authParams);

        assertThatThrownBy(() -> factory.create(trigger))
                .isInstanceOf(ScalerConfigException.class)
                .hasMessage("trigger[0] (metrics-api): " + error);
    }

    /** Ports {@code metricsAPIMetricIdentifiers}, run by {@code TestMetricsAPIGetMetricSpecForScaling}. */
    @Test
    void namesTheMetricOfKedasOkRowAtTriggerIndexOne() {
        TriggerConfig trigger = trigger(DUMMY + ";valueLocation=metric.test;targetValue=42", null).toBuilder()
                .triggerIndex(1).build();

        try (Scaler scaler = factory.create(trigger)) {
            assertThat(scaler.metricSpecs().get(0).metricName()).isEqualTo("s1-metric-api-metric-test");
        }
    }

    private static final String KEDA_JSON = """
            {"components":[{"id": "82328e93e", "tasks": 32, "str": "64", "k":"1k","wrong":"NaN"}],"count":2.43}""";
    private static final String KEDA_YAML = "{components: [{id: 82328e93e, tasks: 32, str: '64', k: 1k, wrong: NaN}], count: 2.43}";
    /** As in KEDA's test: every line but the first starts with a tab, and the last has no newline (kedacore/keda#6559). */
    private static final String KEDA_PROMETHEUS = "# HELP backend_queue_size Total number of items\n"
            + "\t# TYPE backend_queue_size counter\n"
            + "\tbackend_queue_size{queueName=\"zero\"} 0\n"
            + "\tbackend_queue_size{queueName=\"one\"} 1\n"
            + "\tbackend_queue_size{queueName=\"two\", instance=\"random\"} 2\n"
            + "\tbackend_queue_size{queueName=\"two\", instance=\"zero\"} 20\n"
            + "\t# HELP random_metric Random metric generate to include noise\n"
            + "\t# TYPE random_metric counter\n"
            + "\trandom_metric 10";

    /** Ports {@code TestGetValueFromResponse}; its case names are {@code <format>: <name>}. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            json       | integer                     | count                                                  | 2.43 | -
            json       | string                      | components.0.str                                       | 64   | -
            json       | {}.[].{}                    | components.0.tasks                                     | 32   | -
            json       | invalid data                | components.0.wrong                                     | -    | valueLocation "components.0.wrong" points to a string that is not parseable as a Quantity
            yaml       | integer                     | count                                                  | 2.43 | -
            yaml       | string                      | components.0.str                                       | 64   | -
            yaml       | {}.[].{}                    | components.0.tasks                                     | 32   | -
            yaml       | invalid data                | components.0.wrong                                     | -    | valueLocation "components.0.wrong" points to a string that is not parseable as a Quantity
            prometheus | no labels                   | random_metric                                          | 10   | -
            prometheus | one label                   | backend_queue_size{queueName="one"}                    | 1    | -
            prometheus | multiple labels not queried | backend_queue_size{queueName="two"}                    | 2    | -
            prometheus | multiple labels queried     | backend_queue_size{queueName="two", instance="zero"}   | 20   | -
            prometheus | invalid data                | backend_queue_size{invalid=test}                       | -    | parameter "valueLocation" value "backend_queue_size{invalid=test}" is not a Prometheus metric selector: expected a quoted label value (at character 28)
            """)
    void readsTheValueOfKedasResponses(String format, String name, String valueLocation, Double value, String error) {
        ResponseFormat responseFormat = ResponseFormat.valueOf(format.toUpperCase(Locale.ROOT));
        byte[] body = (switch (responseFormat) {
            case JSON -> KEDA_JSON;
            case YAML -> KEDA_YAML;
            case PROMETHEUS -> KEDA_PROMETHEUS;
            case XML -> throw new IllegalArgumentException("KEDA's test has no xml row");
        }).getBytes(StandardCharsets.UTF_8);

        if (error == null) {
            assertThat(responseFormat.locate(valueLocation).read(body)).isEqualTo(value);
        } else {
            assertThatThrownBy(() -> responseFormat.locate(valueLocation).read(body))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(error);
        }
    }

    /** Ports {@code TestBearerAuth}: the token reaches the API as {@code Authorization: Bearer <token>}. */
    @Test
    void sendsTheBearerTokenAsKedasTestExpects() {
        API.stubFor(get("/").withHeader("Authorization", equalTo("Bearer secure-token"))
                .willReturn(aResponse().withStatus(200).withBody(KEDA_JSON)));
        TriggerConfig trigger = TriggerConfig.builder(MetricsApiScalerFactory.TYPE)
                .metadata(Map.of("url", API.baseUrl() + "/", "valueLocation", "components.0.tasks", "targetValue", "1",
                        "authMode", "bearer"))
                .authParams(Map.of("token", "secure-token"))
                .build();

        try (Scaler scaler = factory.create(trigger)) {
            assertThat(scaler.sample("test-metric").values()).containsExactly(MetricValue.of("test-metric", 32));
        }
    }

    /** Ports {@code TestGetMetricValueErrorMessage}: a status other than 200 is {@code <path>: api returned <status>}. */
    @Test
    void aStatusOtherThan200IsKedasErrorMessage() {
        API.stubFor(get("/api/v1/").willReturn(aResponse().withStatus(418)));

        try (Scaler scaler = factory.create(trigger("url=" + API.baseUrl() + "/api/v1/;valueLocation=count;targetValue=1", null))) {
            assertThatThrownBy(() -> scaler.sample("m"))
                    .isInstanceOf(ScalerException.class)
                    .hasMessageEndingWith("/api/v1/: api returned 418");
        }
    }

    @Test
    void aggregationFromServiceEndpointsIsRefusedSoKedasAggregationTestsHaveNoCounterpart() {
        TriggerConfig trigger = trigger("OK;aggregateFromKubeServiceEndpoints=true;aggregationType=sum", null);

        assertThat(messages(factory.validate(trigger, Set.of())))
                .startsWith("aggregateFromKubeServiceEndpoints is not supported by Tide: a scaler has no Kubernetes API access");
    }

    private static TriggerConfig trigger(String metadata, String authParams) {
        return TriggerConfig.builder(MetricsApiScalerFactory.TYPE)
                .metadata(map(metadata == null ? null : metadata.replace("DUMMY", DUMMY)))
                .authParams(map(authParams))
                .build();
    }

    private static String messages(TriggerCheck check) {
        assertThat(check.warnings()).as("KEDA's rows use only the scaler's own parameters").isEmpty();
        return check.errors().stream().map(TriggerCheck.Issue::message).collect(Collectors.joining("; "));
    }

    private static String describe(MetricsApiAuth auth, MetricsApiParameters parameters) {
        List<String> parts = new ArrayList<>();
        parts.add("modes=" + auth.authModes().stream().sorted().map(AuthMode::parameterValue).toList());
        if (auth.uses(AuthMode.API_KEY)) {
            parts.add("apiKey in " + auth.method().name().toLowerCase(Locale.ROOT) + " " + auth.apiKeyName());
        }
        if (auth.uses(AuthMode.BASIC)) {
            parts.add("basic " + auth.username().orElseThrow() + (auth.password().isPresent() ? " with password" : ""));
        }
        if (auth.uses(AuthMode.BEARER)) {
            parts.add("bearer token");
        }
        auth.tls().ifPresent(tls -> parts.add("tls " + (tls.ca().isPresent() ? "with ca" : "without ca")));
        parts.add("unsafeSsl=" + parameters.unsafeSsl());
        return String.join(", ", parts);
    }
}
