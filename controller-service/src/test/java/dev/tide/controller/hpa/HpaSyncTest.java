package dev.tide.controller.hpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When an existing HPA already says what Tide wants, so it is left alone. */
class HpaSyncTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} within {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"a\": 1}                          | {\"a\": 1, \"defaulted\": 2}             | true",
            "{\"a\": 1}                          | {\"a\": 2}                               | false",
            "{\"a\": null, \"b\": []}             | {\"a\": 5}                               | true",
            "{\"m\": [{\"n\": \"x\"}]}             | {\"m\": [{\"n\": \"x\", \"d\": 1}]}         | true",
            "{\"m\": [{\"n\": \"x\"}]}             | {\"m\": [{\"n\": \"x\"}, {\"n\": \"y\"}]}     | false",
            "{\"q\": 5}                          | {\"q\": 5.0}                             | true",
            "{\"o\": {\"p\": \"v\"}}               | {}                                      | false"})
    void hpaComparisonIgnoresFieldsTheApiServerDefaults(String desired, String actual, boolean derivative) throws Exception {
        JsonNode d = JSON.readTree(desired);
        JsonNode a = JSON.readTree(actual);

        assertThat(HpaSync.isDerivative(d, a)).isEqualTo(derivative);
    }
}
