package dev.tide.scaler.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pieces of Go that KEDA's request and parameters are made of: durations and query escaping. */
class GoSyntaxTest {

    @ParameterizedTest(name = "timeout \"{0}\" is {1} ms")
    @CsvSource({"1000, 1000", "0, 0", "30s, 30000", "1.5m, 90000", "1h30m, 5400000", "300ms, 300", "2s500ms, 2500",
        "2000us, 2", ".5s, 500"})
    void durationsAreGoDurationsOrMilliseconds(String text, long millis) {
        assertThat(GoDuration.parse("timeout", text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "timeout \"{0}\" is refused")
    @CsvSource(delimiter = '|', value = {
        "-1s   | duration cannot be negative",
        "-5    | duration cannot be negative",
        "5 s   | must be either a duration string (e.g. '30s', '5m') or a number of milliseconds",
        "1d    | must be either a duration string (e.g. '30s', '5m') or a number of milliseconds"})
    void badDurationsAreRefusedInKedasWords(String text, String rule) {
        assertThatThrownBy(() -> GoDuration.parse("timeout", text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter \"timeout\" value \"" + text + "\" " + rule);
    }

    @ParameterizedTest(name = "QueryEscape({0}) = {1}")
    @CsvSource(delimiter = '|', value = {
        "sum(rate(http_requests_total{job=\"api\"}[2m])) | sum%28rate%28http_requests_total%7Bjob%3D%22api%22%7D%5B2m%5D%29%29",
        "a b~c*d-e_f.g                                 | a+b~c%2Ad-e_f.g",
        "grün/ü                                        | gr%C3%BCn%2F%C3%BC"})
    void queriesAreEscapedAsGoEscapesThem(String text, String escaped) {
        assertThat(FormQuery.escape(text)).isEqualTo(escaped);
    }

    @ParameterizedTest(name = "ParseQuery({0})")
    @CsvSource(delimiter = '|', value = {
        "audience=prometheus&resource=a+b%2Fc | is not a query: none",
        "a=1;b=2                              | is not a query: invalid semicolon separator",
        "a=%zz                                | is not a query: invalid URL escape"})
    void endpointParamsAreParsedAsGoParsesQueries(String query, String outcome) {
        if (outcome.endsWith("none")) {
            assertThat(FormQuery.parse(query)).isEqualTo(Map.of("audience", List.of("prometheus"), "resource", List.of("a b/c")));
        } else {
            assertThatThrownBy(() -> FormQuery.parse(query)).hasMessage(outcome);
        }
    }
}
