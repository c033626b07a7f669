package dev.tide.sandbox;

import java.time.Instant;

/**
 * One row of the timeline.
 *
 * @param at when it was taken
 * @param seconds seconds since the run started
 * @param messages what was produced and what is left to consume
 * @param replicas the workload's replicas
 * @param conditions the ScaledObject's conditions
 * @param decision the last scale decision and why
 */
record Sample(Instant at, double seconds, Messages messages, Replicas replicas, Conditions conditions,
        String decision) {

    /**
     * @param phase the producer's phase
     * @param produced messages sent so far
     * @param lag the consumer group's lag over all partitions
     */
    record Messages(String phase, long produced, long lag) {
    }

    /**
     * @param desired the Deployment's {@code spec.replicas}
     * @param ready consumers running and polling
     */
    record Replicas(int desired, int ready) {
    }

    /**
     * Each is {@code True}, {@code False}, {@code Unknown}, or "-" while the ScaledObject has none.
     *
     * @param active the ScaledObject's Active condition
     * @param ready the ScaledObject's Ready condition
     */
    record Conditions(String active, String ready) {
    }
}
