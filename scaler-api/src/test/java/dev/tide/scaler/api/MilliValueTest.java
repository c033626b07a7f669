package dev.tide.scaler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MilliValueTest {

    @ParameterizedTest(name = "{0} is served as {1}")
    @CsvSource({
            "5, 5",
            "2.5, 2500m",
            "0.0004, 0",
            "0.0006, 1m",
            "-3, 0",
            "NaN, 0",
            "Infinity, 0",
            "1234567.891, 1234567891m"})
    void keepsMilliPrecisionAndTurnsWhatCannotBeAQuantityIntoZeroAsKedaDoes(double value, String quantity) {
        assertThat(MilliValue.of(value).toQuantity()).isEqualTo(quantity);
    }

    /** The first five rows are the sandbox HPA loop's, which read quantities with fabric8's parser before. */
    @ParameterizedTest(name = "{0} is {1} milli")
    @CsvSource({
            "5, 5000",
            "2500m, 2500",
            "1k, 1000000",
            "0.5, 500",
            "1500u, 2",
            "0, 0",
            "1Ki, 1024000",
            "2e3, 2000000",
            "+7, 7000",
            "0.0001, 1",
            "1n, 1",
            ".5, 500",
            "3M, 3000000000",
            "' 12 ', 12000"})
    void readsKubernetesQuantitiesInMilliUnitsRoundingUpAsKubernetesMilliValueDoes(String text, long millis) {
        assertThat(MilliValue.parse(text).millis()).isEqualTo(millis);
    }

    /** The strings KEDA's metrics-api scaler reads with {@code resource.ParseQuantity}, exactly. */
    @ParameterizedTest(name = "{0} is exactly {1}")
    @CsvSource({
            "64, 64",
            "2.43, 2.43",
            "1k, 1000",
            "250m, 0.25",
            "1Mi, 1048576",
            "1e3, 1000",
            "1.5E-3, 0.0015",
            "3n, 0.000000003",
            "-250m, -0.25",
            "2Ei, 2305843009213693952"})
    void readsTheExactValueOfAQuantity(String text, BigDecimal value) {
        assertThat(MilliValue.parseQuantity(text)).isEqualByComparingTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "NaN", "Infinity", "5 m", "5mm", "1Zi", "1ki", "1e3k", "0x10", "1e99999999999"})
    void refusesTextThatIsNoKubernetesQuantity(String text) {
        assertThatThrownBy(() -> MilliValue.parseQuantity(text)).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> MilliValue.parse(text)).isInstanceOf(NumberFormatException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-250m", "9E", "10Pi"})
    void refusesQuantitiesThatAreNegativeOrDoNotFitInMilliUnits(String text) {
        assertThatThrownBy(() -> MilliValue.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
