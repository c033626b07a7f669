package dev.tide.scaler.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Schedules against robfig/cron v3.0.1 itself, KEDA's library: the expected values in {@code robfig/parse.tsv} and
 * {@code robfig/next.tsv} are robfig's answers, written by {@code src/test/robfig/generate.go}.
 */
class CronScheduleTest {

    static Stream<Arguments> robfigParse() {
        return CronTriggers.robfigTable("parse.tsv").stream().map(row -> Arguments.of(row[0], row[1]));
    }

    /** The same schedules accepted, and the same refused with the same words, including robfig's quirks. */
    @ParameterizedTest(name = "[{0}] {1}")
    @MethodSource("robfigParse")
    void schedulesAreAcceptedOrRefusedAsRobfigDoes(String schedule, String robfig) {
        if (robfig.equals("OK")) {
            assertThatCode(() -> CronSchedule.parse(schedule)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> CronSchedule.parse(schedule)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(robfig);
        }
    }

    static Stream<Arguments> robfigNext() {
        return CronTriggers.robfigTable("next.tsv").stream().map(row -> Arguments.of(row[0], row[1], row[2], row[3]));
    }

    /**
     * The next firing as robfig's {@code Schedule.Next} gives it: around the 2026 DST transitions of New York, Berlin and
     * Sydney (a skipped wall-clock time does not fire, a repeated one fires at both offsets), and on calendar cases.
     */
    @ParameterizedTest(name = "[{0}] in {1} after {2}: {3}")
    @MethodSource("robfigNext")
    void nextFiringIsRobfigs(String schedule, String zone, String after, String robfig) {
        assertThat(CronSchedule.parse(schedule).nextAfter(Instant.parse(after), GoLocations.load(zone)))
                .contains(OffsetDateTime.parse(robfig).toInstant());
    }

    /** robfig slices the spec up to index -1 and panics; KEDA's operator survives it only by recovering the panic. */
    @Test
    void aTimeZonePrefixWithoutAScheduleIsRefusedWhereRobfigPanics() {
        assertThatThrownBy(() -> CronSchedule.parse("TZ=UTC")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no schedule after the time zone prefix: TZ=UTC");
    }

    /** Valid to robfig, but no date matches (robfig's {@code Next} gives the zero time) or a field names no value. */
    @ParameterizedTest
    @ValueSource(strings = {"0 0 30 2 *", "0 0 31 4,6,9,11 *", ", * * * *", "0 0 , * *"})
    void aScheduleThatNamesNoRealTimeNeverFires(String schedule) {
        CronSchedule never = CronSchedule.parse(schedule);

        assertThat(never.fires()).isFalse();
        assertThat(never.nextAfter(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).isEmpty();
    }

    @Test
    void aLeapDayScheduleFires() {
        assertThat(CronSchedule.parse("0 0 29 2 *").fires()).isTrue();
    }
}
