package dev.tide.keda.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The spellings Go's {@code strconv.ParseFloat} accepts and refuses, which KEDA's string numbers go through. */
class GoFloatTest {

    static Stream<Arguments> spellings() {
        return Stream.of(
                Arguments.of("2", OptionalDouble.of(2)),
                Arguments.of("1.5", OptionalDouble.of(1.5)),
                Arguments.of(".5", OptionalDouble.of(0.5)),
                Arguments.of("5.", OptionalDouble.of(5)),
                Arguments.of("+3", OptionalDouble.of(3)),
                Arguments.of("-0.25", OptionalDouble.of(-0.25)),
                Arguments.of("1e3", OptionalDouble.of(1000)),
                Arguments.of("1_000", OptionalDouble.of(1000)),
                Arguments.of("0x1p4", OptionalDouble.of(16)),
                Arguments.of("Inf", OptionalDouble.of(Double.POSITIVE_INFINITY)),
                Arguments.of("-infinity", OptionalDouble.of(Double.NEGATIVE_INFINITY)),
                Arguments.of("", OptionalDouble.empty()),
                Arguments.of(" 2", OptionalDouble.empty()),
                Arguments.of("2 ", OptionalDouble.empty()),
                Arguments.of("2d", OptionalDouble.empty()),
                Arguments.of("2f", OptionalDouble.empty()),
                Arguments.of("1__0", OptionalDouble.empty()),
                Arguments.of("_1", OptionalDouble.empty()),
                Arguments.of("0x10", OptionalDouble.empty()),
                Arguments.of("+nan", OptionalDouble.empty()),
                Arguments.of("1e400", OptionalDouble.empty()),
                Arguments.of("five", OptionalDouble.empty()));
    }

    @ParameterizedTest(name = "\"{0}\" parses as {1}")
    @MethodSource("spellings")
    void parsesWhatGoParses(String text, OptionalDouble expected) {
        assertThat(GoFloat.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "NaN is spelled {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"nan", "NaN", "NAN"})
    void readsNotANumberInAnyCase(String text) {
        assertThat(GoFloat.parse(text).getAsDouble()).isNaN();
    }

    @ParameterizedTest(name = "\"{0}\" is refused with: {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "five|strconv.ParseFloat: parsing \"five\": invalid syntax",
            "1e400|strconv.ParseFloat: parsing \"1e400\": value out of range"})
    void explainsARefusalAsGoDoes(String text, String message) {
        assertThat(GoFloat.error(text)).isEqualTo(message);
    }
}
