package dev.tide.sandbox;

import java.time.Instant;

/**
 * One row of the timeline.
 *
 * @param at when it was taken
 * @param seconds seconds since the run started
 * @param phase the producer's phase
 * @param produced messages sent so far
 * @param lag the consumer group's lag over all partitions
 * @param replicas the Deployment's {@code spec.replicas}
 * @param ready consumers running and polling
 * @param active the ScaledObject's Active condition ({@code True}, {@code False}, {@code Unknown}, or "-")
 * @param ready the ScaledObject's Ready condition
 * @param decision the last scale decision and why
 */
record Sample(Instant at, double seconds, String phase, long produced, long lag, int replicas, int readyPods,
        String active, String soReady, String decision) {
}
