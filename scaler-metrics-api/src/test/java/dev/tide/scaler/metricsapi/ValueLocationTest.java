package dev.tide.scaler.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** KEDA's {@code TestGetValueFromResponse} JSON rows, plus nested objects, quantities and escaped dots. */
class ValueLocationTest {

    private static final String RESPONSE = """
            {"components": [{"id": "82328e93e", "tasks": 32, "str": "64", "k": "1k", "milli": "250m", "wrong": "NaN",
                             "flag": true}],
             "count": 2.43,
             "worker": {"tasks": 12},
             "items": [{"value": 7}],
             "dotted.key": 5}
            """;

    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource({
            "count, 2.43",
            "components.0.str, 64",
            "components.0.tasks, 32",
            "components.0.k, 1000",
            "components.0.milli, 0.25",
            "worker.tasks, 12",
            "items.0.value, 7",
            "dotted\\.key, 5"})
    void readsANumberOrAQuantityStringAtTheLocation(String location, double expected) throws Exception {
        assertThat(ValueLocation.parse(location).read(response())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} fails: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            components.0.wrong | valueLocation "components.0.wrong" must point to a number or a string holding a quantity, got 'NaN'
            components.0.flag  | valueLocation "components.0.flag" must point to a number or a string holding a quantity, got boolean
            worker             | valueLocation "worker" must point to a number or a string holding a quantity, got object
            worker.queued      | valueLocation "worker.queued" is not in the response
            items.3.value      | valueLocation "items.3.value" is not in the response
            """)
    void refusesWhatIsNotANumber(String location, String message) {
        assertThatThrownBy(() -> ValueLocation.parse(location).read(response()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    private static JsonNode response() throws Exception {
        return new ObjectMapper().readTree(RESPONSE);
    }
}
