package dev.tide.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsumptionMeterTest {

    private static final long MS = 1_000_000L;

    @Test
    void hasNoRateUntilTwoReadingsAreApart() {
        ConsumptionMeter meter = new ConsumptionMeter();
        assertThat(meter.perSecond(Duration.ofSeconds(2))).isEmpty();

        meter.record(0, 0);
        assertThat(meter.perSecond(Duration.ofSeconds(2))).isEmpty();

        meter.record(100 * MS, 5);
        assertThat(meter.perSecond(Duration.ofSeconds(2))).hasValue(50.0);
    }

    @Test
    void measuresOverTheWindowOnlySoAPodThatStoppedWorkingTurnsIdle() {
        ConsumptionMeter meter = new ConsumptionMeter();
        // 3 s at 50 messages per second, then 2 s with nothing to do; a reading every 100 ms.
        for (int tenth = 0; tenth <= 50; tenth++) {
            meter.record(tenth * 100 * MS, Math.min(tenth, 30) * 5L);
        }

        assertThat(meter.perSecond(Duration.ofSeconds(2))).hasValue(0.0);
        assertThat(meter.perSecond(Duration.ofSeconds(4))).hasValue(25.0);
        assertThat(meter.perSecond(Duration.ofSeconds(10))).hasValue(30.0);
    }

    @Test
    void aPodYoungerThanTheWindowIsMeasuredOverItsLife() {
        ConsumptionMeter meter = new ConsumptionMeter();
        for (int tenth = 0; tenth <= 5; tenth++) {
            meter.record(tenth * 100 * MS, tenth * 4L);
        }

        assertThat(meter.perSecond(Duration.ofSeconds(5))).hasValue(40.0);
    }

    @Test
    void keepsAMinuteOfReadings() {
        ConsumptionMeter meter = new ConsumptionMeter();
        // 50 per second for two minutes, but the first minute's readings are gone: 30 per second over the last one.
        for (int second = 0; second <= 120; second++) {
            meter.record(second * 1000 * MS, second <= 60 ? second * 50L : 3000 + (second - 60) * 30L);
        }

        assertThat(meter.perSecond(Duration.ofMinutes(5))).hasValue(30.0);
    }
}
