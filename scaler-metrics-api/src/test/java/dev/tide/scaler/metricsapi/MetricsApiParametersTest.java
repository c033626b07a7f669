package dev.tide.scaler.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.TriggerCheck;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.params.ParameterBinder;
import dev.tide.scaler.api.params.Source;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The parameter rules that are Tide's own or go past KEDA's test tables (those are {@link MetricsApiKedaParityTest}):
 * formats and their valueLocation syntax, auth modes KEDA parses and never sends, timeouts, and what Tide refuses
 * where KEDA accepts (each listed in docs/compatibility.md).
 */
class MetricsApiParametersTest {

    private static final String OK = "url=http://dummy:1230/api/v1/;valueLocation=metric;targetValue=42";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # case                                            | trigger metadata                                            | auth params                          | error, or - when accepted
            authModes from the TriggerAuthentication          | OK                                                          | authModes=bearer;bearerToken=t       | -
            bearer and basic together (KEDA's exclusiveSet)   | OK;authModes=bearer,basic                                   | token=t;username=u                   | parameter "authModes" value "bearer,basic" must contain only one of [bearer, basic, oauth]
            custom, which KEDA parses and never sends         | OK;authMode=custom                                          | -                                    | authMode "custom" is not supported by the metrics-api scaler: KEDA accepts it and then sends no credentials; for a header of your own use authMode apiKey with keyParamName
            oauth, which KEDA parses and never sends          | OK;authMode=oauth                                           | -                                    | authMode "oauth" is not supported by the metrics-api scaler
            an unknown auth mode                              | OK;authMode=digest                                          | -                                    | parameter "authModes" value "digest" must be one of [apiKey, basic, tls, bearer, custom, oauth]
            the API key in the trigger metadata               | OK;authMode=apiKey;apiKey=k;method=query                    | -                                    | -
            format json                                       | OK;format=json                                              | -                                    | -
            format yaml                                       | OK;format=yaml;valueLocation=components.0.tasks             | -                                    | -
            format xml                                        | OK;format=xml;valueLocation=stats.queue.length              | -                                    | -
            format prometheus                                 | OK;format=prometheus;valueLocation=queue_size{queue="a"}    | -                                    | -
            an unknown format                                 | OK;format=csv                                               | -                                    | parameter "format" value "csv" must be one of [json, prometheus, xml, yaml]
            a URL that is not http                            | url=ftp://dummy/;valueLocation=metric;targetValue=42        | -                                    | parameter "url" value "ftp://dummy/" must be an absolute http or https URL
            an empty key in a GJSON path                      | url=http://dummy/;valueLocation=items..value;targetValue=42 | -                                    | parameter "valueLocation" value "items..value" has an empty key
            a GJSON wildcard                                  | OK;valueLocation=items.*.value                              | -                                    | parameter "valueLocation" value "items.*.value" uses GJSON syntax that Tide does not read
            a GJSON query                                     | OK;valueLocation=items.#(id==2).value                       | -                                    | parameter "valueLocation" value "items.#(id==2).value" uses GJSON syntax that Tide does not read
            a GJSON modifier                                  | OK;valueLocation=@reverse.0                                 | -                                    | uses GJSON syntax that Tide does not read
            a # in the middle of a GJSON path                 | OK;valueLocation=items.#.value                              | -                                    | uses GJSON syntax that Tide does not read
            an escaped wildcard is a key                      | OK;valueLocation=a\\*b                                      | -                                    | -
            a selector that is not PromQL                     | OK;format=prometheus;valueLocation=queue size               | -                                    | is not a Prometheus metric selector: unexpected text after the selector
            a selector without a metric name                  | OK;format=prometheus;valueLocation={queue="a"}              | -                                    | is not a Prometheus metric selector: the selector names no metric
            a selector with a bad regular expression          | OK;format=prometheus;valueLocation=q{queue=~"(a"}           | -                                    | the regular expression of label queue is not valid
            the metric named by __name__                      | OK;format=prometheus;valueLocation={__name__="q",queue="a"} | -                                    | -
            targetValue 0 (KEDA: no targetValue given)        | OK;targetValue=0                                            | -                                    | parameter "targetValue" value "0" must be greater than 0
            a negative targetValue (KEDA: accepted)           | OK;targetValue=-1                                           | -                                    | parameter "targetValue" value "-1" must be greater than 0
            aggregateFromKubeServiceEndpoints                 | OK;aggregateFromKubeServiceEndpoints=true                   | -                                    | aggregateFromKubeServiceEndpoints is not supported by Tide
            an unknown aggregationType                        | OK;aggregationType=median                                   | -                                    | parameter "aggregationType" value "median" must be one of [average, sum, max, min]
            a Go duration for timeout                         | OK;timeout=1m30s                                            | -                                    | -
            a Go duration with an unknown unit                | OK;timeout=5d                                               | -                                    | parameter "timeout" value "5d": unable to parse duration value "5d"
            a negative Go duration                            | OK;timeout=-2s                                              | -                                    | parameter "timeout" value "-2s": duration cannot be negative: "-2s"
            """)
    void bindsTheParametersAndReportsEveryProblem(String what, String metadata, String authParams, String error) {
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
                    .hasMessageContaining(error);
        }
    }

    @ParameterizedTest(name = "timeout {0} is {1}")
    @CsvSource({"1000, PT1S", "1.5s, PT1.5S", "1h2m3s, PT1H2M3S", "250ms, PT0.25S", "0, host", "0s, host"})
    void readsTimeoutAsKedaReadsADuration(String timeout, String expected) {
        TriggerConfig trigger = TriggerConfig.builder(MetricsApiScalerFactory.TYPE).metadata(map(OK + ";timeout=" + timeout)).build();

        assertThat(ParameterBinder.bind(trigger, MetricsApiParameters.class).requestTimeout().map(Object::toString).orElse("host"))
                .isEqualTo(expected);
    }

    @Test
    void aTriggerWithUtilizationAsItsMetricTypeIsRefused() {
        TriggerConfig trigger = TriggerConfig.builder(MetricsApiScalerFactory.TYPE).metadata(map(OK))
                .metricType(MetricTargetType.UTILIZATION).build();

        assertThatThrownBy(() -> new MetricsApiScalerFactory().create(trigger))
                .hasMessage("trigger[0] (metrics-api): metricType Utilization is not supported by external metrics: use "
                        + "AverageValue or Value");
    }

    @Test
    void problemsOfTheTargetAndOfTheCredentialsAreReportedTogetherWithoutASecret() {
        TriggerConfig trigger = TriggerConfig.builder(MetricsApiScalerFactory.TYPE)
                .metadata(map("url=http://dummy/;valueLocation=metric;targetValue=none;authMode=basic,bearer"))
                .authParams(map("username=u;password=hunter2;token=s3cr3t"))
                .build();

        assertThatThrownBy(() -> new MetricsApiScalerFactory().create(trigger))
                .hasMessage("trigger[0] (metrics-api): parameter \"targetValue\" value \"none\" must be a number; "
                        + "parameter \"authModes\" value \"basic,bearer\" must contain only one of [bearer, basic, oauth]")
                .message().doesNotContain("hunter2", "s3cr3t");
    }

    @Test
    void offlineACredentialThatTheTriggerAuthenticationMayHoldIsNotAskedFor() {
        TriggerConfig trigger = TriggerConfig.builder(MetricsApiScalerFactory.TYPE).metadata(map(OK + ";authMode=bearer")).build();

        TriggerCheck offline = new MetricsApiScalerFactory().validate(trigger, EnumSet.of(Source.AUTH_PARAMS));
        TriggerCheck withoutAuthentication = new MetricsApiScalerFactory().validate(trigger, Set.of());

        assertThat(offline.errors()).isEmpty();
        assertThat(withoutAuthentication.errors()).extracting(TriggerCheck.Issue::message)
                .containsExactly("bearer token=<empty> is required when bearer auth is enabled");
    }

    /** {@code k=v;k=v}; {@code OK} stands for a valid url, valueLocation and targetValue, which later keys override. */
    static Map<String, String> map(String pairs) {
        if (pairs == null) {
            return Map.of();
        }
        return Arrays.stream(pairs.replace("OK", OK).split(";"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1], (first, later) -> later));
    }
}
