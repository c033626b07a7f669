package dev.tide.scaler.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
}
