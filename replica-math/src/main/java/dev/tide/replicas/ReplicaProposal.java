package dev.tide.replicas;

import java.util.Objects;

/**
 * A replica count the HPA arrives at, and why.
 *
 * @param metricName the metric that decided (for an aggregate of several metrics, the largest proposal; for an
 *     error, the first invalid metric; empty when there was no metric at all)
 * @param replicas the desired replica count before min/max bounds; when {@link ReplicaReason#invalid()} it is the
 *     unchanged {@code spec.replicas}, never a guess
 * @param reason how it was computed
 * @param detail the arithmetic or the error, for events and logs
 */
public record ReplicaProposal(String metricName, int replicas, ReplicaReason reason, String detail) {

    public ReplicaProposal {
        Objects.requireNonNull(metricName, "metricName");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas cannot be negative: " + replicas);
        }
    }

    public boolean invalid() {
        return reason.invalid();
    }
}
