package dev.tide.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MilliQuantityTest {

    @ParameterizedTest(name = "[{index}] {0} is {1} milli, written {2}")
    @CsvSource({
        "0,        0,             0",
        "5,        5000,          5",
        "2500m,    2500,          2500m",
        "5000m,    5000,          5",
        "1500,     1500000,       1500",
        "5000,     5000000,       5k",
        "12k,      12000000,      12k",
        "1.5,      1500,          1500m",
        "0.0001,   1,             1m",
        "100u,     1,             1m",
        "1Ki,      1024000,       1024",
        "2e3,      2000000,       2k",
        "+7,       7000,          7",
        "-250m,    -250,          -250m",
        "3M,       3000000000,    3M",
    })
    void readsQuantitiesIntoMilliUnitsAndWritesKubernetesCanonicalForm(String text, long millis, String canonical) {
        MilliQuantity quantity = MilliQuantity.parse(text);
        assertThat(quantity.millis()).isEqualTo(millis);
        assertThat(quantity).hasToString(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "5 m", "5mm", "1Zi", "9E"})
    void rejectsTextThatIsNotAQuantityOrOverflows(String text) {
        assertThatThrownBy(() -> MilliQuantity.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
