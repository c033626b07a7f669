package dev.tide.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronRunWindowTest {

    @ParameterizedTest(name = "{0} for {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # now                | run length | start        | end
            2026-12-02T18:59:30Z | PT3M30S    | 58 18 * * *  | 4 19 * * *
            2026-12-02T18:00:00Z | PT1M       | 59 17 * * *  | 3 18 * * *
            2026-12-02T23:59:10Z | PT3M       | 58 23 * * *  | 4 0 * * *
            2026-12-02T00:00:20Z | PT1M       | 59 23 * * *  | 3 0 * * *
            """)
    void opensTheMinuteBeforeNowAndClosesAfterTheRunCanEndAsDailyUtcSchedules(Instant now, Duration runLength,
            String start, String end) {
        CronRunWindow window = CronRunWindow.covering(now, runLength);

        assertThat(window.start()).isEqualTo(start);
        assertThat(window.end()).isEqualTo(end);
        assertThat(window.open(now)).isTrue();
        assertThat(window.open(now.plus(runLength).plusSeconds(59))).isTrue();
        assertThat(window.open(window.closes())).isFalse();
    }
}
