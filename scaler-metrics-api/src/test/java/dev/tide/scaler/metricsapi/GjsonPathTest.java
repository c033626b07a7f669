package dev.tide.scaler.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The GJSON paths Tide reads, on one response: nested objects, array indexes and lengths, quantities, escapes, and
 * what GJSON would answer when nothing usable is there (KEDA's json rows are in {@link MetricsApiKedaParityTest}).
 */
class GjsonPathTest {

    private static final byte[] RESPONSE = """
            {"components": [{"id": "82328e93e", "tasks": 32, "str": "64", "k": "1k", "milli": "250m", "wrong": "NaN",
                             "flag": true, "off": false, "none": null}],
             "count": 2.43,
             "worker": {"tasks": 12},
             "items": [{"value": 7}, {"value": 8}, {"value": 9}],
             "dotted.key": 5,
             "odd": {"0": 3, "a*b": 4, "#": 6}}
            """.getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource({
            "count, 2.43",
            "components.0.str, 64",
            "components.0.tasks, 32",
            "components.0.k, 1000",
            "components.0.milli, 0.25",
            "worker.tasks, 12",
            "items.2.value, 9",
            "items.#, 3",
            "components.#, 1",
            "dotted\\.key, 5",
            "odd.0, 3",
            "odd.a\\*b, 4",
            "odd.\\#, 6"})
    void readsANumberOrAQuantityStringAtThePath(String location, double expected) {
        assertThat(GjsonPath.parse(location).read(RESPONSE)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} fails: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            components.0.wrong | valueLocation "components.0.wrong" points to a string that is not parseable as a Quantity
            components.0.flag  | valueLocation "components.0.flag" must point to a numeric value or a string parseable as a Quantity, got True
            components.0.off   | valueLocation "components.0.off" must point to a numeric value or a string parseable as a Quantity, got False
            components.0.none  | valueLocation "components.0.none" must point to a numeric value or a string parseable as a Quantity, got Null
            worker             | valueLocation "worker" must point to a numeric value or a string parseable as a Quantity, got JSON
            worker.queued      | valueLocation "worker.queued" must point to a numeric value or a string parseable as a Quantity, got Null
            items.3.value      | valueLocation "items.3.value" must point to a numeric value or a string parseable as a Quantity, got Null
            items.value        | valueLocation "items.value" must point to a numeric value or a string parseable as a Quantity, got Null
            worker.#           | valueLocation "worker.#" must point to a numeric value or a string parseable as a Quantity, got Null
            count.more         | valueLocation "count.more" must point to a numeric value or a string parseable as a Quantity, got Null
            """)
    void saysWhatIsThereWhenItIsNotANumber(String location, String message) {
        assertThatThrownBy(() -> GjsonPath.parse(location).read(RESPONSE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ..0.value
            [count,worker.tasks]
            {count}
            !true
            items.#.value
            items.#(value>7).value
            items.*.value
            it?ms.0.value
            'count|@reverse'
            @this.count
            """)
    void refusesGjsonSyntaxBeyondKeysIndexesAndLengths(String location) {
        assertThatThrownBy(() -> GjsonPath.parse(location))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uses GJSON syntax that Tide does not read");
    }
}
