package dev.tide.scaler.api.params;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Go's {@code time.ParseDuration}, cases from Go's {@code time} package tests. */
class GoDurationTest {

    @ParameterizedTest(name = "{0} is {1} ns")
    @CsvSource({
        "0, 0", "+0, 0", "-0, 0", "5s, 5000000000", "30s, 30000000000", "1478s, 1478000000000", "-5s, -5000000000",
        "+5s, 5000000000", "5.0s, 5000000000", "5.6s, 5600000000", "5.s, 5000000000", ".5s, 500000000",
        "1.004s, 1004000000", "10ns, 10", "11us, 11000", "12µs, 12000", "12μs, 12000", "13ms, 13000000",
        "14s, 14000000000", "15m, 900000000000", "16h, 57600000000000", "3h30m, 12600000000000",
        "10.5s4m, 250500000000", "-2m3.4s, -123400000000", "1h2m3s4ms5us6ns, 3723004005006", "1.5ns, 1",
        "9223372036854775807ns, 9223372036854775807", "9223372036.854775807s, 9223372036854775807"
    })
    void goDurationsAreNanoseconds(String text, long nanos) {
        assertThat(GoDuration.nanos(text)).contains(BigInteger.valueOf(nanos));
        assertThat(GoDuration.parse(text)).contains(Duration.ofNanos(nanos));
    }

    @ParameterizedTest(name = "\"{0}\" is not a Go duration")
    @ValueSource(strings = {"", "3", "-", "s", ".", "-.", ".s", "+.s", "1d", "3000000h x", "1000", "5 s", "PT5S"})
    void otherTextIsNoGoDuration(String text) {
        assertThat(GoDuration.nanos(text)).isEmpty();
        assertThat(GoDuration.parse(text)).isEmpty();
    }

    @ParameterizedTest(name = "{0} is beyond Go's int64 nanoseconds")
    @ValueSource(strings = {"9223372036854775808ns", "9223372036854775.808us", "3000000h"})
    void beyondInt64NanosecondsGoFails(String text) {
        assertThat(GoDuration.nanos(text)).isPresent();
        assertThat(GoDuration.parse(text)).isEqualTo(Optional.empty());
    }
}
