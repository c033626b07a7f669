package dev.tide.scaler.cron;

import static dev.tide.scaler.cron.CronTriggers.sampleAt;
import static dev.tide.scaler.cron.CronTriggers.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.TriggerConfig;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One trigger's answer on an injected clock: inside and outside its window, and exactly at its edges. */
class CronWindowTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a second before the start                                  | 0 9 * * *  | 0 17 * * * | Etc/UTC      | 2026-01-05T08:59:59Z     | false
            half a second before the start                             | 0 9 * * *  | 0 17 * * * | Etc/UTC      | 2026-01-05T08:59:59.500Z | false
            the instant the start fires                                | 0 9 * * *  | 0 17 * * * | Etc/UTC      | 2026-01-05T09:00:00Z     | true
            inside                                                     | 0 9 * * *  | 0 17 * * * | Etc/UTC      | 2026-01-05T12:00:00Z     | true
            a millisecond before the end                               | 0 9 * * *  | 0 17 * * * | Etc/UTC      | 2026-01-05T16:59:59.999Z | true
            the instant the end fires                                  | 0 9 * * *  | 0 17 * * * | Etc/UTC      | 2026-01-05T17:00:00Z     | false
            outside                                                    | 0 9 * * *  | 0 17 * * * | Etc/UTC      | 2026-01-05T20:00:00Z     | false
            across midnight, before it                                 | 0 22 * * * | 0 6 * * *  | Etc/UTC      | 2026-01-05T23:00:00Z     | true
            across midnight, after it                                  | 0 22 * * * | 0 6 * * *  | Etc/UTC      | 2026-01-06T03:00:00Z     | true
            across midnight, after the end                             | 0 22 * * * | 0 6 * * *  | Etc/UTC      | 2026-01-06T07:00:00Z     | false
            an end earlier in the day than the start, in the day       | 0 18 * * * | 0 9 * * *  | Etc/UTC      | 2026-01-05T12:00:00Z     | false
            an end earlier in the day than the start, in the evening   | 0 18 * * * | 0 9 * * *  | Etc/UTC      | 2026-01-05T19:00:00Z     | true
            a half-hour zone: its 09:00 is 03:30 UTC                   | 0 9 * * *  | 0 17 * * * | Asia/Kolkata | 2026-01-05T03:30:00Z     | true
            a half-hour zone: its 17:00 is 11:30 UTC                   | 0 9 * * *  | 0 17 * * * | Asia/Kolkata | 2026-01-05T11:30:00Z     | false
            weekdays only, on a Saturday                               | 0 9 * * Mon-Fri | 0 17 * * Mon-Fri | Etc/UTC | 2026-01-10T12:00:00Z | false
            a TZ= prefix overrides the timezone: 09:00 in Tokyo        | TZ=Asia/Tokyo 0 9 * * * | TZ=Asia/Tokyo 0 17 * * * | Etc/UTC | 2026-01-05T00:00:00Z | true
            starts every hour, ends at midnight: at 23:30 both fire next at midnight, and equal counts as open | 0 * * * * | 0 0 * * * | Etc/UTC | 2026-01-05T23:30:00Z | true
            starts every hour, ends at midnight: at 10:30 the start comes first                                 | 0 * * * * | 0 0 * * * | Etc/UTC | 2026-01-05T10:30:00Z | false
            starts at midnight, ends every hour: the next end always comes first, so it is always open          | 0 0 * * * | 0 * * * * | Etc/UTC | 2026-01-05T10:30:00Z | true
            """)
    void isOpenWhenTheNextEndIsNotAfterTheNextStart(String row, String start, String end, String zone, String now,
            boolean open) {
        ScalerSample sample = sampleAt(now, window(start, end, zone));

        assertThat(sample.active()).isEqualTo(open);
        assertThat(sample.values()).singleElement()
                .satisfies(value -> assertThat(value.value()).isEqualTo(MilliValue.ofWhole(open ? 10 : 0)));
    }

    /** KEDA keeps this window open for ever (Go's zero time is before now); docs/compatibility.md. */
    @Test
    void aStartThatNeverFiresKeepsTheWindowClosed() {
        assertThat(sampleAt("2026-01-05T12:00:00Z", window("0 0 30 2 *", "0 17 * * *", "Etc/UTC")).active()).isFalse();
        assertThat(new CronWindow(Optional.empty(), Optional.of(Instant.EPOCH)).open()).isFalse();
    }

    @Test
    void anEndThatNeverFiresKeepsTheWindowClosedAsInKeda() {
        assertThat(sampleAt("2026-01-05T12:00:00Z", window("0 9 * * *", "0 0 31 4 *", "Etc/UTC")).active()).isFalse();
    }

    /** KEDA admits the name and fails each poll; the scale loop holds the replicas and reports it. */
    @Test
    void aTimezoneThatCannotBeLoadedFailsEachPollWithKedasMessage() {
        assertThatThrownBy(() -> sampleAt("2026-01-05T12:00:00Z", window("0 9 * * *", "0 17 * * *", "Mars/Olympus")))
                .isInstanceOf(ScalerException.class)
                .hasMessage("trigger[0] (cron): unable to load timezone: unknown time zone Mars/Olympus");
    }

    /** KEDA admits any non-zero int64; a negative one is served as 0 (GenerateMetricInMili), the trigger still active. */
    @Test
    void aNegativeDesiredReplicasIsActiveWithValueZero() {
        TriggerConfig config = TriggerConfig.of("cron", 0,
                Map.of("start", "0 9 * * *", "end", "0 17 * * *", "timezone", "Etc/UTC", "desiredReplicas", "-3"));

        ScalerSample sample = sampleAt("2026-01-05T12:00:00Z", config);

        assertThat(sample.active()).isTrue();
        assertThat(sample.values().get(0).value()).isEqualTo(MilliValue.ZERO);
    }

    @Test
    void theTriggersMetricTypeIsTheTargetType() {
        TriggerConfig config = window("0 9 * * *", "0 17 * * *", "Etc/UTC").toBuilder().metricType(MetricTargetType.VALUE).build();

        assertThat(new CronScalerFactory().create(config).metricSpecs().get(0).targetType()).isEqualTo(MetricTargetType.VALUE);
    }
}
