package dev.tide.replicas;

/**
 * What the HPA knows about the scale target when it turns External metrics into a replica count.
 *
 * <p>Kubernetes reads two replica counts and they differ during a rollout: {@code AverageValue} targets divide by
 * {@code status.replicas}, {@code Value} targets start from {@code spec.replicas} and multiply by the pods that are
 * Running and Ready.
 *
 * @param specReplicas {@code /scale} {@code spec.replicas}: what was last asked for
 * @param statusReplicas {@code /scale} {@code status.replicas}: what exists
 * @param matchedPods pods the target's selector matches; none makes a {@code Value} metric invalid
 * @param readyPods matched pods in phase Running with condition Ready
 */
public record ScaleTargetState(int specReplicas, int statusReplicas, int matchedPods, int readyPods) {

    public ScaleTargetState {
        if (specReplicas < 0 || statusReplicas < 0 || matchedPods < 0 || readyPods < 0) {
            throw new IllegalArgumentException("replica and pod counts cannot be negative: " + counts(
                    specReplicas, statusReplicas, matchedPods, readyPods));
        }
        if (readyPods > matchedPods) {
            throw new IllegalArgumentException("more ready pods than matched pods: " + counts(
                    specReplicas, statusReplicas, matchedPods, readyPods));
        }
    }

    /** A target at rest: {@code replicas} asked for, running and ready. */
    public static ScaleTargetState steady(int replicas) {
        return new ScaleTargetState(replicas, replicas, replicas, replicas);
    }

    private static String counts(int spec, int status, int matched, int ready) {
        return "spec " + spec + ", status " + status + ", matched pods " + matched + ", ready pods " + ready;
    }
}
