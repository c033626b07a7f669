package dev.tide.scaler.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.TriggerConfig;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * KEDA's {@code testMetricsAPIMetadata} and {@code testMetricsAPIAuthMetadata} rows (metrics_api_scaler_test.go),
 * each with the error this port gives. Where Tide differs from KEDA the row says so: this example does not port
 * KEDA's tls, custom and oauth auth modes, nor its prometheus, xml and yaml formats, and refuses them clearly.
 */
class MetricsApiParametersTest {

    private static final String OK = "url=http://dummy:1230/api/v1/;valueLocation=metric;targetValue=42";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # KEDA row                                       | trigger metadata                                            | auth params                                   | error, or - when accepted
            no metadata                                      | -                                                           | -                                             | missing required parameter "url" in [triggerMetadata]; missing required parameter "valueLocation" in [triggerMetadata]; missing required parameter "targetValue" in [triggerMetadata]
            OK                                               | url=http://dummy:1230/api/v1/;valueLocation=metric.test;targetValue=42 | -                                  | -
            target not an int                                | url=http://dummy:1230/api/v1/;valueLocation=metric;targetValue=aa | -                                       | parameter "targetValue" value "aa" must be a number
            activation target not an int                     | url=http://dummy:1230/api/v1/;valueLocation=metric;targetValue=1;activationTargetValue=aa | -               | parameter "activationTargetValue" value "aa" must be a number
            missing metric name                              | url=http://dummy:1230/api/v1/;targetValue=aa                | -                                             | missing required parameter "valueLocation" in [triggerMetadata]
            missing url                                      | valueLocation=metric;targetValue=aa                         | -                                             | missing required parameter "url" in [triggerMetadata]
            missing targetValue                              | url=http://dummy:1230/api/v1/;valueLocation=metric          | -                                             | missing required parameter "targetValue" in [triggerMetadata]
            success TLS (not ported)                         | OK;authMode=tls                                             | ca=caaa;cert=ceert;key=keey                   | authMode "tls" is not supported by this scaler: use bearer, basic or apiKey
            fail TLS, ca not given                           | OK;authMode=tls                                             | cert=ceert;key=keey                           | authMode "tls" is not supported by this scaler
            fail TLS, key not given                          | OK;authMode=tls                                             | ca=caaa;cert=ceert                            | authMode "tls" is not supported by this scaler
            fail TLS, cert not given                         | OK;authMode=tls                                             | ca=caaa;key=keey                              | authMode "tls" is not supported by this scaler
            success apiKeyAuth default                       | OK;authMode=apiKey                                          | apiKey=apiikey                                | -
            success apiKeyAuth as query param                | OK;authMode=apiKey                                          | apiKey=apiikey;method=query                   | -
            success apiKeyAuth with headers and custom key name | OK;authMode=apiKey                                       | apiKey=apiikey;method=header;keyParamName=custom | -
            success apiKeyAuth with query param and custom key name | OK;authMode=apiKey                                   | apiKey=apiikey;method=query;keyParamName=custom | -
            fail apiKeyAuth with no api key                  | OK;authMode=apiKey                                          | -                                             | apiKey is required when apiKey auth is enabled
            success basicAuth                                | OK;authMode=basic                                           | username=user;password=pass                   | -
            fail basicAuth with no username                  | OK;authMode=basic                                           | -                                             | username is required when basic auth is enabled
            success bearerAuth default                       | OK;authMode=bearer                                          | token=bearerTokenValue                        | -
            fail bearerAuth without token                    | OK;authMode=bearer                                          | -                                             | bearer token is required when bearer auth is enabled
            success unsafeSsl true                           | OK;unsafeSsl=true                                           | -                                             | -
            success unsafeSsl false                          | OK;unsafeSsl=false                                          | -                                             | -
            failed unsafeSsl non bool                        | OK;unsafeSsl=yes                                            | -                                             | parameter "unsafeSsl" value "yes" must be true or false
            success with both apiKey and TLS (tls not ported) | OK;authMode=apiKey,tls                                     | apiKey=apiikey;ca=caaa;cert=ceert;key=keey    | authMode "tls" is not supported by this scaler
            Tide: authModes from the TriggerAuthentication   | OK                                                          | authModes=bearer;bearerToken=t                | -
            Tide: bearer and basic together                  | OK;authModes=bearer,basic                                   | token=t;username=u                            | authModes bearer and basic cannot be combined
            Tide: format json                                | OK;format=json                                              | -                                             | -
            Tide: format xml is not ported                   | OK;format=xml                                               | -                                             | format "xml" is not supported by this scaler: it reads json only
            Tide: an unknown format                          | OK;format=csv                                               | -                                             | parameter "format" value "csv" must be one of [json, prometheus, xml, yaml]
            Tide: a URL that is not http                     | url=ftp://dummy/;valueLocation=metric;targetValue=42        | -                                             | parameter "url" value "ftp://dummy/" must be an absolute http or https URL
            Tide: an empty key in valueLocation              | url=http://dummy/;valueLocation=items..value;targetValue=42 | -                                             | parameter "valueLocation" value "items..value" has an empty key
            Tide: targetValue 0 (KEDA: no targetValue given) | url=http://dummy/;valueLocation=metric;targetValue=0        | -                                             | parameter "targetValue" value "0" must be
            """)
    void bindsKedasMetricsApiParametersAndReportsEveryProblem(String row, String metadata, String authParams,
            String error) {
        TriggerConfig trigger = TriggerConfig.builder(MetricsApiScalerFactory.TYPE)
                .metadata(map(metadata))
                .authParams(map(authParams))
                .build();

        if (error == null) {
            try (var scaler = new MetricsApiScalerFactory().create(trigger)) {
                assertThat(scaler.metricSpecs()).hasSize(1);
            }
        } else {
            assertThatThrownBy(() -> new MetricsApiScalerFactory().create(trigger))
                    .isInstanceOf(ScalerConfigException.class)
                    .hasMessageStartingWith("trigger[0] (metrics-api): ")
                    .hasMessageContaining(error)
                    .message().doesNotContain("apiikey", "pass", "bearerTokenValue");
        }
    }

    /** {@code k=v;k=v}; {@code OK} stands for a valid url, valueLocation and targetValue. */
    static Map<String, String> map(String pairs) {
        if (pairs == null) {
            return Map.of();
        }
        return Arrays.stream(pairs.replace("OK", OK).split(";"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
    }
}
