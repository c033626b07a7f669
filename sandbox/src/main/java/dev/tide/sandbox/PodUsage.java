package dev.tide.sandbox;

import dev.tide.scaler.api.MilliValue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One pod of a Deployment as the HPA sees it through metrics-server: its name, and its container's usage once it
 * reports one (a pod still starting has none).
 *
 * @param pod the pod's name
 * @param usage its container's usage, or empty while the pod is not ready
 */
record PodUsage(String pod, Optional<ContainerUsage> usage) {

    PodUsage {
        Objects.requireNonNull(pod, "pod");
        Objects.requireNonNull(usage, "usage");
    }

    /**
     * @param container the container's name
     * @param cpu its cpu, in millicores as milli units
     * @param memory its memory, in bytes as milli units
     */
    record ContainerUsage(String container, MilliValue cpu, MilliValue memory) {

        /** The usage of {@code cpu} or {@code memory}; empty for another resource. */
        Optional<MilliValue> of(String resource) {
            return switch (resource) {
                case "cpu" -> Optional.of(cpu);
                case "memory" -> Optional.of(memory);
                default -> Optional.empty();
            };
        }
    }

    /** Stands in for metrics-server: the pods of a Deployment and what each uses now. */
    @FunctionalInterface
    interface Source {
        /** The Deployment's pods; none for a Deployment that has no workload here. */
        List<PodUsage> pods(String deployment);
    }
}
