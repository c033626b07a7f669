package dev.tide.scaler.metricsapi;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.TriggerConfig;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The xml, yaml and prometheus formats (KEDA reads strings in them as quantities), each end to end through the scaler
 * against a real HTTP server, and row by row on documents: what is read, and what each format says when it cannot.
 * In the tables {@code \n} is a line break.
 */
class ResponseFormatsTest {

    @RegisterExtension
    static final WireMockExtension API = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @ParameterizedTest(name = "{0}: {2} in the response of GET")
    @CsvSource(delimiter = '|', textBlock = """
            json       | {"queue": {"length": 12}}                                       | queue.length                    | 12
            yaml       | queue:\\n  length: 12\\n                                         | queue.length                    | 12
            xml        | <?xml version="1.0"?>\\n<stats><queue><length>12</length></queue></stats> | stats.queue.length | 12
            prometheus | # TYPE queue_length gauge\\nqueue_length{queue="orders"} 12\\n | queue_length{queue="orders"}    | 12
            """)
    void aScalerOfEachFormatReadsItsValueFromTheApi(String format, String body, String valueLocation, double value) {
        API.stubFor(get("/stats").willReturn(ok(body.replace("\\n", "\n"))));
        TriggerConfig trigger = TriggerConfig.builder(MetricsApiScalerFactory.TYPE).metadata(Map.of(
                "url", API.baseUrl() + "/stats", "format", format, "valueLocation", valueLocation, "targetValue", "5")).build();

        try (Scaler scaler = new MetricsApiScalerFactory().create(trigger)) {
            String metricName = scaler.metricSpecs().get(0).metricName();
            assertThat(scaler.sample(metricName)).isEqualTo(ScalerSample.of(MetricValue.of(metricName, value), true));
        }
    }

    @ParameterizedTest(name = "{0}: {2} reads {3}")
    @CsvSource(delimiter = '|', textBlock = """
            yaml       | components:\\n  worker:\\n    tasks: 12\\n                  | components.worker.tasks          | 12
            yaml       | items:\\n  - value: 7\\n  - value: 8\\n                      | items.1.value                    | 8
            yaml       | queue: 1.5k\\n                                               | queue                            | 1500
            yaml       | queue: '250m'\\n                                             | queue                            | 0.25
            yaml       | 1: 5\\n                                                      | 1                                | 5
            yaml       | first: 1\\n---\\nsecond: 2\\n                                | first                            | 1
            xml        | <stats><queue><length>42</length></queue></stats>            | stats.queue.length               | 42
            xml        | <stats><item>1</item><item>2</item></stats>                  | stats.item.1                     | 2
            xml        | <stats><length> 2Ki </length></stats>                        | stats.length                     | 2048
            xml        | <s:stats xmlns:s="urn:x"><s:length>3</s:length></s:stats>   | s:stats.s:length                 | 3
            prometheus | jobs{queue="orders"} 3\\njobs{queue="returns"} 4\\n          | jobs{queue!="orders"}            | 4
            prometheus | jobs{queue="orders"} 3\\njobs{queue="returns"} 4\\n          | jobs{queue=~"ret.*"}             | 4
            prometheus | jobs{queue="orders"} 3\\njobs{queue="returns"} 4\\n          | jobs{queue!~"ord.*"}             | 4
            prometheus | jobs{queue="orders"} 3\\njobs 9\\n                           | jobs{queue=""}                   | 9
            prometheus | jobs{queue="orders"} 3 1700000000000\\n                     | jobs                             | 3
            prometheus | jobs{path="a\\"b"} 3\\n                                      | jobs{path=`a"b`}                 | 3
            prometheus | # TYPE t counter\\nt 1.5e3\\r\\n                             | t                                | 1500
            prometheus | q{a="b",} 2                                                  | q{a="b",}                        | 2
            """)
    void readsTheValueAtTheLocation(String format, String body, String valueLocation, double value) {
        assertThat(read(format, body, valueLocation)).isEqualTo(value);
    }

    @ParameterizedTest(name = "{0}: {2} fails")
    @CsvSource(delimiter = '|', textBlock = """
            yaml       | worker:\\n  tasks: 12\\n                                | worker.queued        | key 'queued' not found in path 'worker.queued'
            yaml       | worker:\\n  tasks: 12\\n                                | worker               | path 'worker' does not lead to a value
            yaml       | worker:\\n  tasks: 12\\n                                | worker.tasks.more    | key 'more' not found in path 'worker.tasks.more'
            yaml       | busy: true\\n                                           | busy                 | valueLocation "busy" must point to a numeric value or a string parseable as a Quantity, got bool
            yaml       | busy: ~\\n                                              | busy                 | valueLocation "busy" must point to a numeric value or a string parseable as a Quantity, got <nil>
            yaml       | - 1\\n- 2\\n                                            | 0                    | the response is not a YAML mapping
            yaml       | a: [1\\n                                                | a                    | the response is not YAML
            xml        | <stats><queue length="4"/></stats>                      | stats.queue.length   | key 'length' not found in path 'stats.queue.length'
            xml        | <stats><item>1</item><item>2</item></stats>             | stats.item           | path 'stats.item' does not lead to a value
            xml        | <stats><n>many</n></stats>                              | stats.n              | valueLocation "stats.n" points to a string that is not parseable as a Quantity
            xml        | {"not": "xml"}                                          | not                  | the response is not XML
            xml        | <!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/hostname">]><s>&x;</s> | s       | the response is not XML
            prometheus | jobs 3\\n                                               | queue                | metric 'queue' not found
            prometheus | jobs{queue="orders"} 3\\n                               | jobs{queue="returns"} | value jobs{queue="returns"} not found
            prometheus | # TYPE h histogram\\nh_bucket{le="+Inf"} 2\\nh_sum 5\\nh_count 2\\n | h_count | metric 'h_count' not found
            prometheus | # TYPE h histogram\\nh_bucket{le="+Inf"} 2\\nh_sum 5\\nh_count 2\\n | h       | value h not found
            prometheus | # TYPE s summary\\ns{quantile="0.5"} 1\\ns_sum 5\\ns_count 2\\n | s       | value s not found
            prometheus | jobs 3\\njobs many\\n                                   | jobs                 | prometheus format parsing error: text format parsing error in line 2: expected a float, got "many"
            prometheus | # TYPE jobs gauge\\n# TYPE jobs counter\\njobs 3\\n     | jobs                 | prometheus format parsing error: text format parsing error in line 2: second TYPE line for metric name "jobs"
            prometheus | jobs{queue=orders} 3\\n                                 | jobs                 | prometheus format parsing error: text format parsing error in line 1: expected a quoted label value
            """)
    void saysWhyItCannotReadAValue(String format, String body, String valueLocation, String message) {
        assertThatThrownBy(() -> read(format, body, valueLocation))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    private static double read(String format, String body, String valueLocation) {
        return ResponseFormat.valueOf(format.toUpperCase(Locale.ROOT)).locate(valueLocation)
                .read(body.replace("\\r", "\r").replace("\\n", "\n").getBytes(StandardCharsets.UTF_8));
    }
}
