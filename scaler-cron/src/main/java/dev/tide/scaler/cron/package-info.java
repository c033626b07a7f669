/**
 * Trigger type {@code cron}: KEDA's cron scaler. Inside a window that a {@code start} and an {@code end} cron schedule
 * open and close, in a time zone, the trigger is active and its metric is {@code desiredReplicas}; outside it, 0.
 *
 * <p>Schedules are read with a port of robfig/cron v3.0.1's parser (KEDA's), and their next firing is found with
 * cron-utils, mapped to instants across DST transitions as robfig maps them ({@link dev.tide.scaler.cron.CronSchedule}).
 */
package dev.tide.scaler.cron;
