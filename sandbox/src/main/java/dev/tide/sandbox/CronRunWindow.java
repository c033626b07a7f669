package dev.tide.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The cron window of {@code --scenario combined}: it opens a minute before the run starts and closes after the run
 * can last, so that the cron trigger holds its {@code desiredReplicas} for the whole run. Written as daily schedules
 * in {@code Etc/UTC} ({@code minute hour * * *}), as KEDA's docs write a cron trigger.
 *
 * @param opens when the window opened, on a whole minute
 * @param closes when it closes, on a whole minute
 */
record CronRunWindow(Instant opens, Instant closes) {

    /** The trigger's {@code timezone}. */
    static final String TIMEZONE = "Etc/UTC";

    CronRunWindow {
        if (!closes.isAfter(opens) || Duration.between(opens, closes).compareTo(Duration.ofHours(23)) > 0) {
            throw new IllegalArgumentException("a daily cron window closes after it opens, within 23 h: " + opens
                    + " to " + closes);
        }
    }

    /** Open from the minute before {@code now} until at least a minute after {@code now + runLength}. */
    static CronRunWindow covering(Instant now, Duration runLength) {
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        return new CronRunWindow(minute.minus(Duration.ofMinutes(1)), minute.plus(runLength).plus(Duration.ofMinutes(2))
                .truncatedTo(ChronoUnit.MINUTES));
    }

    /** The trigger's {@code start}, e.g. {@code 41 18 * * *}. */
    String start() {
        return schedule(opens);
    }

    /** The trigger's {@code end}. */
    String end() {
        return schedule(closes);
    }

    boolean open(Instant at) {
        return !at.isBefore(opens) && at.isBefore(closes);
    }

    private static String schedule(Instant at) {
        ZonedDateTime utc = at.atZone(ZoneOffset.UTC);
        return utc.getMinute() + " " + utc.getHour() + " * * *";
    }
}
