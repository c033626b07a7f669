package dev.tide.replicas.jobs;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether an unfinished Job counts as pending (KEDA's {@code getPendingJobCount}): its pods have not started work.
 */
public final class PendingJobs {

    private PendingJobs() {
    }

    /**
     * One pod of a Job, as far as pending matters.
     *
     * @param phase {@code status.phase}
     * @param trueConditions the types of its conditions whose status is {@code True}
     */
    public record Pod(String phase, Set<String> trueConditions) {
    }

    /**
     * Without {@code pendingPodConditions}: pending unless a pod is Running or Succeeded (no pod at all is pending).
     * With them: pending unless one pod has every listed condition True. As in KEDA, the listed types are matched
     * as a set but counted as a list, so a list that names a type twice is never fulfilled.
     */
    public static boolean pending(List<Pod> pods, List<String> pendingPodConditions) {
        if (pendingPodConditions.isEmpty()) {
            return pods.stream().noneMatch(p -> "Running".equals(p.phase()) || "Succeeded".equals(p.phase()));
        }
        Set<String> required = Set.copyOf(new HashSet<>(pendingPodConditions));
        for (Pod pod : pods) {
            long fulfilled = pod.trueConditions().stream().filter(required::contains).distinct().count();
            if (fulfilled == pendingPodConditions.size()) {
                return false;
            }
        }
        return true;
    }
}
