package dev.tide.sandbox;

import dev.tide.scaler.api.MilliValue;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;

/**
 * What a pod of the workload uses, as metrics-server would report it: cpu follows the work the pod does, memory stays
 * put.
 *
 * <p>A pod's cpu is {@code idle + busy × share}, where {@code share} is the part of its capacity it used over the
 * window: the messages it processed per second over {@code --consumer-rate}, at most 1. A pod working through a
 * backlog runs at its rate, so it uses {@code idle + busy}; a pod on an empty queue uses {@code idle}.
 *
 * @param idle cpu of a pod that processes nothing
 * @param busy cpu added when a pod processes at its full rate
 * @param memory what every pod uses, whatever it does
 */
record UsageModel(MilliValue idle, MilliValue busy, MilliValue memory) {

    /** The container's cpu request in the sandbox's Deployment. */
    static final String CPU_REQUEST = "100m";
    /** The container's memory request in the sandbox's Deployment. */
    static final String MEMORY_REQUEST = "128Mi";
    /** What every pod of the sandbox uses of memory: half its request. */
    static final String MEMORY_USAGE = "64Mi";

    /** 5m idle, 100m (the whole request) at full rate, 64Mi (half the request) always. */
    static final UsageModel SANDBOX = new UsageModel(MilliValue.parse("5m"), MilliValue.parse("95m"),
            MilliValue.parse(MEMORY_USAGE));

    /**
     * A pod's cpu.
     *
     * @param processedPerSecond messages the pod processed per second over the window
     * @param capacityPerSecond messages per second it processes when busy ({@code --consumer-rate})
     */
    MilliValue cpu(double processedPerSecond, double capacityPerSecond) {
        double share = Math.min(1, Math.max(0, processedPerSecond / capacityPerSecond));
        return new MilliValue(idle.millis() + Math.round(busy.millis() * share));
    }

    /** The requests of the Deployment's container: the HPA's 100 % for a {@code Utilization} target. */
    static ResourceRequirements requests() {
        return new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity(CPU_REQUEST))
                .addToRequests("memory", new Quantity(MEMORY_REQUEST)).build();
    }
}
