package dev.tide.scaler.cron;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Whether a cron trigger's window is open at one instant: KEDA's {@code GetMetricsAndActivity}, as a value.
 *
 * <p>KEDA compares the next {@code start} and the next {@code end} after now. If the start comes first, it asks
 * whether now is after that start, which it never is; otherwise whether now is before that end, which it always is.
 * So the window is open exactly when the next end is not after the next start. At the instant {@code start} fires the
 * window is open (the next start is a period away), at the instant {@code end} fires it is closed.
 *
 * <p>One difference, a KEDA bug: a schedule that never fires gets Go's zero time there, the year 1, which puts "now" after
 * the next start, so a {@code start} that never fires keeps the window open for ever. Here a window whose start or end
 * never fires is closed (docs/compatibility.md).
 *
 * @param nextStart when {@code start} fires next; empty if it never does
 * @param nextEnd when {@code end} fires next; empty if it never does
 */
record CronWindow(Optional<Instant> nextStart, Optional<Instant> nextEnd) {

    /** The window as it is at {@code now}, the schedules read in {@code zone} (unless they carry a {@code TZ=}). */
    static CronWindow at(Instant now, ZoneId zone, CronSchedule start, CronSchedule end) {
        return new CronWindow(start.nextAfter(now, zone), end.nextAfter(now, zone));
    }

    /** Inside the window: the trigger is active and asks for {@code desiredReplicas}. */
    boolean open() {
        return nextStart.isPresent() && nextEnd.isPresent() && !nextEnd.get().isAfter(nextStart.get());
    }
}
