package dev.tide.scaler.cron;

import static dev.tide.scaler.cron.CronTriggers.sampleAt;
import static dev.tide.scaler.cron.CronTriggers.window;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Windows around DST transitions, as KEDA decides them: robfig/cron skips a wall-clock time the clocks jump over and
 * fires a repeated one twice, and KEDA's window is open when the next end is not after the next start. Every expected
 * value is what KEDA's {@code GetMetricsAndActivity} over robfig/cron v3.0.1 answers ({@code src/test/robfig/}).
 */
class CronDstTest {

    /**
     * Named cases first, each checked against robfig; then {@code robfig/window.tsv}: five windows whose start or end
     * falls in the skipped or the repeated hour, every 30 minutes from 2.5 hours before to 2.5 hours after each 2026
     * transition of the three zones, with KEDA's answers. 2026 transitions: New York 03-08 07:00Z (02:00 EST to 03:00 EDT) and
     * 11-01 06:00Z (02:00 EDT to 01:00 EST); Berlin 03-29 01:00Z (02:00 CET to 03:00 CEST) and 10-25 01:00Z (03:00 CEST to
     * 02:00 CET); Sydney 10-03 16:00Z (02:00 AEST to 03:00 AEDT) and 04-04 16:00Z (03:00 AEDT to 02:00 AEST).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            New York: a start in the skipped hour does not fire, so the window is open from the end the day before | 30 2 * * * | 30 3 * * * | America/New_York | 2026-03-07T12:00:00Z | true
            New York: ... and until that end fires after the jump                                                   | 30 2 * * * | 30 3 * * * | America/New_York | 2026-03-08T07:15:00Z | true
            New York: ... and closed once it has fired                                                              | 30 2 * * * | 30 3 * * * | America/New_York | 2026-03-08T07:30:00Z | false
            New York: the same window two days before, when its start comes first, is closed                        | 30 2 * * * | 30 3 * * * | America/New_York | 2026-03-06T12:00:00Z | false
            New York: an end in the skipped hour does not fire, so the night before it is closed                    | 0 22 * * * | 30 2 * * * | America/New_York | 2026-03-08T12:00:00Z | false
            New York: the next night it is open until its end                                                       | 0 22 * * * | 30 2 * * * | America/New_York | 2026-03-09T06:29:59Z | true
            New York: and closed when it fires                                                                      | 0 22 * * * | 30 2 * * * | America/New_York | 2026-03-09T06:30:00Z | false
            New York: a window inside the repeated hour opens in its first pass                                     | 30 1 * * * | 45 1 * * * | America/New_York | 2026-11-01T05:40:00Z | true
            New York: ... closes between the passes                                                                 | 30 1 * * * | 45 1 * * * | America/New_York | 2026-11-01T06:00:00Z | false
            New York: ... opens again in the second                                                                 | 30 1 * * * | 45 1 * * * | America/New_York | 2026-11-01T06:40:00Z | true
            New York: ... and closes again                                                                          | 30 1 * * * | 45 1 * * * | America/New_York | 2026-11-01T06:45:00Z | false
            Berlin: a start in the repeated hour opens nothing in the first pass, the second start comes first     | 30 2 * * * | 0 4 * * *  | Europe/Berlin    | 2026-10-25T00:40:00Z | false
            Berlin: ... nor between the two starts                                                                  | 30 2 * * * | 0 4 * * *  | Europe/Berlin    | 2026-10-25T01:10:00Z | false
            Berlin: ... the second start opens it                                                                   | 30 2 * * * | 0 4 * * *  | Europe/Berlin    | 2026-10-25T01:40:00Z | true
            Berlin: a start in the skipped hour leaves the window open from the end the day before                  | 30 2 * * * | 30 3 * * * | Europe/Berlin    | 2026-03-28T12:00:00Z | true
            Berlin: ... until its end after the jump                                                                | 30 2 * * * | 30 3 * * * | Europe/Berlin    | 2026-03-29T01:10:00Z | true
            Sydney: an end in the skipped hour keeps the window shut the night before                              | 0 22 * * * | 30 2 * * * | Australia/Sydney | 2026-10-04T00:00:00Z | false
            Sydney: a window ending in the repeated hour is open in the first pass                                  | 0 1 * * *  | 0 3 * * *  | Australia/Sydney | 2026-04-04T16:30:00Z | true
            Sydney: ... and closed in the second, because the end at 03:00 has fired                                | 0 1 * * *  | 0 3 * * *  | Australia/Sydney | 2026-04-04T17:00:00Z | false
            Sydney: a window inside the repeated hour is open in its first pass                                     | 0 2 * * *  | 30 2 * * * | Australia/Sydney | 2026-04-04T16:10:00Z | true
            """)
    @MethodSource("robfigWindows")
    void windowsAcrossTransitionsAreKedas(String row, String start, String end, String zone, String now, boolean active) {
        assertThat(sampleAt(now, window(start, end, zone)).active()).isEqualTo(active);
    }

    static Stream<Arguments> robfigWindows() {
        return CronTriggers.robfigTable("window.tsv").stream().map(row -> Arguments.of(
                "[" + row[0] + "] to [" + row[1] + "] in " + row[2] + " at " + row[3], row[0], row[1], row[2], row[3],
                Boolean.parseBoolean(row[4])));
    }
}
