package dev.tide.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;

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
     * @param lags the consumer group's lag over all partitions of each topic, in the scenario's order; -1 when
     *     Kafka did not answer
     */
    record Messages(String phase, long produced, List<Long> lags) {

        Messages {
            lags = List.copyOf(lags);
        }

        /** The lag over all topics, or -1 when Kafka did not answer. */
        long lag() {
            return lags.contains(-1L) ? -1 : lags.stream().mapToLong(Long::longValue).sum();
        }

        /** The lag as the timeline shows it: the total, or with several topics each one's and their sum. */
        String lagText() {
            return lags.size() == 1 || lag() < 0 ? Long.toString(lag())
                    : lags.stream().map(String::valueOf).collect(Collectors.joining("+")) + "=" + lag();
        }
    }

    /**
     * @param desired the Deployment's {@code spec.replicas}
     * @param ready consumers running and polling
     * @param cpu the pods' cpu utilization in percent of their requests, as the HPA computes it
     *     ({@link ResourceMetric#cpuUtilization}); empty while no pod reports
     */
    record Replicas(int desired, int ready, OptionalInt cpu) {

        /** The cpu as the timeline shows it: {@code 95%}, or {@code -}. */
        String cpuText() {
            return cpu.isPresent() ? cpu.getAsInt() + "%" : "-";
        }
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
