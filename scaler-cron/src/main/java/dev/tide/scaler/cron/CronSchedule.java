package dev.tide.scaler.cron;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * One {@code start} or {@code end} schedule, answering robfig/cron's {@code Schedule.Next}: the first time after a
 * given instant at which the schedule fires in a time zone.
 *
 * <p>cron-utils finds the next matching wall-clock time, asked in UTC so that it never meets a DST transition; this
 * class maps wall-clock times to instants as robfig does. A wall-clock time the clocks skip (spring forward) never
 * fires; one they repeat (fall back) fires twice, once at each offset ("1am nightly job (runs twice)" in robfig's
 * {@code spec_test.go}). cron-utils' own DST handling fires a repeated time only once, and not always the same one.
 */
final class CronSchedule {

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    /** Any instant will do: whether a schedule ever fires does not depend on the year it is asked in. */
    private static final ZonedDateTime REFERENCE = ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    /** A day field cron-utils should not restrict. */
    private static final CronSpec.FieldSet ANY = new CronSpec.FieldSet(0, true);

    private final String text;
    private final CronSpec spec;
    /** Empty when a field names no value at all (robfig accepts {@code ,}), so the schedule never fires. */
    private final Optional<ExecutionTime> wallClock;
    private final boolean fires;

    private CronSchedule(String text, CronSpec spec) {
        this.text = text;
        this.spec = spec;
        this.wallClock = expression(spec).map(expression -> ExecutionTime.forCron(UNIX.parse(expression)));
        this.fires = wallClock.flatMap(executions -> executions.nextExecution(REFERENCE)).isPresent();
    }

    /**
     * @throws IllegalArgumentException with robfig's message when KEDA's parser refuses the schedule
     */
    static CronSchedule parse(String text) {
        return new CronSchedule(text, CronSpec.parse(text));
    }

    /** The schedule as written. */
    String text() {
        return text;
    }

    /** False for schedules that name no real date, such as {@code 0 0 30 2 *}: robfig's {@code Next} gives zero. */
    boolean fires() {
        return fires;
    }

    /**
     * The first time strictly after {@code after} at which the schedule fires, in its {@code TZ=} zone if it has one,
     * else in {@code zone}; empty if it never fires.
     */
    Optional<Instant> nextAfter(Instant after, ZoneId zone) {
        if (!fires) {
            return Optional.empty();
        }
        ZoneRules rules = spec.location().orElse(zone).getRules();
        LocalDateTime from = LocalDateTime.ofInstant(after, rules.getOffset(after));
        // When the clocks are about to go back, the wall-clock times already passed come once more after `after`.
        ZoneOffsetTransition transition = rules.nextTransition(after);
        if (transition != null && transition.isOverlap() && transition.getDateTimeAfter().isBefore(from)) {
            from = transition.getDateTimeAfter();
        }
        Instant best = null;
        ZonedDateTime cursor = from.truncatedTo(ChronoUnit.SECONDS).minusSeconds(1).atZone(ZoneOffset.UTC);
        while (true) {
            Optional<ZonedDateTime> match = wallClock.orElseThrow().nextExecution(cursor);
            if (match.isEmpty()) {
                return Optional.ofNullable(best);
            }
            LocalDateTime wall = match.get().toLocalDateTime();
            Instant earliest = null;
            for (ZoneOffset offset : rules.getValidOffsets(wall)) {
                Instant at = wall.toInstant(offset);
                earliest = earliest == null || at.isBefore(earliest) ? at : earliest;
                if (at.isAfter(after) && (best == null || at.isBefore(best))) {
                    best = at;
                }
            }
            // Later wall-clock times never map to an earlier first instant, so the first one after `after` ends it.
            if (earliest != null && earliest.isAfter(after)) {
                return Optional.of(best);
            }
            cursor = match.get();
        }
    }

    /**
     * The same schedule for cron-utils' UNIX definition: explicit value lists, and {@code *} in a day field exactly
     * where robfig saw a star, because that decides whether day of month and day of week must both match or either
     * may. Where either may, a day field that names no value (robfig accepts {@code ,}) leaves the other alone.
     */
    private static Optional<String> expression(CronSpec spec) {
        CronSpec.FieldSet dayOfMonth = spec.dayOfMonth();
        CronSpec.FieldSet dayOfWeek = spec.dayOfWeek();
        if (!dayOfMonth.star() && !dayOfWeek.star()) {
            if (dayOfMonth.bits() == 0) {
                dayOfMonth = ANY;
            } else if (dayOfWeek.bits() == 0) {
                dayOfWeek = ANY;
            }
        }
        CronSpec.FieldSet[] sets = {spec.minute(), spec.hour(), dayOfMonth, spec.month(), dayOfWeek};
        CronSpec.Field[] kinds = CronSpec.Field.values();
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < sets.length; i++) {
            if (sets[i].star()) {
                fields.add("*");
                continue;
            }
            StringJoiner values = new StringJoiner(",");
            for (int value = kinds[i].min; value <= kinds[i].max; value++) {
                if (sets[i].contains(value)) {
                    values.add(Integer.toString(value));
                }
            }
            if (values.length() == 0) {
                return Optional.empty();
            }
            fields.add(values.toString());
        }
        return Optional.of(String.join(" ", fields));
    }

    @Override
    public String toString() {
        return text;
    }
}
