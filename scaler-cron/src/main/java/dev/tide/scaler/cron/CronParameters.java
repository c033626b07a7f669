package dev.tide.scaler.cron;

import dev.tide.scaler.api.params.Param;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of a {@code cron} trigger, in the order KEDA's {@code cronMetadata} declares them, with the rules
 * and messages of its {@code Validate}. Every problem is reported at once; KEDA stops at the first.
 *
 * <p>{@code timezone} is not checked here: KEDA loads it at every poll and admits a ScaledObject with a name it cannot
 * load, so Tide admits it too and warns ({@link CronScalerFactory#validate}).
 */
record CronParameters(
        @Param(description = "cron schedule (minute hour day-of-month month day-of-week, read as KEDA's robfig/cron reads it) at"
                + " which the window opens; a `TZ=<zone> ` prefix overrides `timezone` for this schedule")
        String start,

        @Param(description = "cron schedule at which the window closes; must not be the same text as `start`")
        String end,

        @Param(description = "IANA time zone the schedules are read in, e.g. `Europe/Berlin` or `Etc/UTC`")
        String timezone,

        @Param(description = "the metric value inside the window (outside it, 0); must not be 0")
        long desiredReplicas) {

    CronParameters {
        List<String> problems = new ArrayList<>();
        boolean bothParse = parses("start", start, problems) & parses("end", end, problems);
        if (bothParse && start.equals(end)) {
            problems.add("start and end can not have exactly same time input");
        }
        if (desiredReplicas == 0) {
            problems.add("no desiredReplicas specified");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    private static boolean parses(String name, String schedule, List<String> problems) {
        try {
            CronSpec.parse(schedule);
            return true;
        } catch (IllegalArgumentException e) {
            problems.add("error parsing " + name + " schedule: " + e.getMessage());
            return false;
        }
    }

    /** The window's opening schedule. */
    CronSchedule startSchedule() {
        return CronSchedule.parse(start);
    }

    /** The window's closing schedule. */
    CronSchedule endSchedule() {
        return CronSchedule.parse(end);
    }
}
