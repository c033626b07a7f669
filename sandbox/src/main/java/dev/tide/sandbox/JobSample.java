package dev.tide.sandbox;

import java.time.Instant;

/**
 * One row of the jobs scenario's timeline.
 *
 * @param at when it was taken
 * @param seconds seconds since the run started
 * @param messages what was produced, and the lag: messages no Job has taken yet
 * @param jobs the ScaledJob's Jobs
 * @param active the ScaledJob's Active condition: {@code True}, {@code False}, {@code Unknown}, or "-" while it has none
 * @param decision Tide's newest "Created n jobs" event, or "-"
 */
record JobSample(Instant at, double seconds, Sample.Messages messages, Jobs jobs, String active, String decision) {

    /**
     * @param running Jobs without a Complete or Failed condition
     * @param kept finished Jobs still there: Tide deletes those beyond the history limits
     * @param created Jobs created so far: every Job the job runner has started
     */
    record Jobs(int running, int kept, int created) {
    }
}
