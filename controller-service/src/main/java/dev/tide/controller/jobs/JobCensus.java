package dev.tide.controller.jobs;

import dev.tide.replicas.jobs.JobHistory;
import dev.tide.replicas.jobs.PendingJobs;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A ScaledJob's Jobs counted as KEDA counts them: finished (a Complete or Failed condition True), running (the
 * rest), pending (running Jobs whose pods have not started, {@link PendingJobs}).
 *
 * @param finished the finished Jobs, for the history limits
 */
record JobCensus(long running, long pending, List<JobHistory.FinishedJob> finished) {

    /** The label the Job controller puts on a Job's pods (older clusters: {@code job-name}). */
    static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";
    static final String LEGACY_JOB_NAME_LABEL = "job-name";

    static JobCensus of(List<Job> jobs, List<Pod> pods, List<String> pendingPodConditions) {
        Map<String, List<PendingJobs.Pod>> podsByJob = new HashMap<>();
        for (Pod pod : pods) {
            Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
            String job = labels.getOrDefault(JOB_NAME_LABEL, labels.get(LEGACY_JOB_NAME_LABEL));
            if (job != null) {
                podsByJob.computeIfAbsent(job, j -> new ArrayList<>()).add(podState(pod));
            }
        }
        long running = 0;
        long pending = 0;
        List<JobHistory.FinishedJob> finished = new ArrayList<>();
        for (Job job : jobs) {
            Optional<JobCondition> end = finishedCondition(job);
            if (end.isPresent()) {
                finished.add(new JobHistory.FinishedJob(job.getMetadata().getName(), "Complete".equals(end.get().getType()),
                        finishedAt(job, end.get())));
                continue;
            }
            running++;
            if (PendingJobs.pending(podsByJob.getOrDefault(job.getMetadata().getName(), List.of()), pendingPodConditions)) {
                pending++;
            }
        }
        return new JobCensus(running, pending, List.copyOf(finished));
    }

    /** KEDA's {@code getFinishedJobConditionType}: the first Complete or Failed condition that is True. */
    static Optional<JobCondition> finishedCondition(Job job) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus()))
                .findFirst();
    }

    private static Instant finishedAt(Job job, JobCondition end) {
        String time = job.getStatus().getCompletionTime() != null ? job.getStatus().getCompletionTime() : end.getLastTransitionTime();
        try {
            return time == null ? null : Instant.parse(time);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static PendingJobs.Pod podState(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        Set<String> trueConditions = pod.getStatus() == null || pod.getStatus().getConditions() == null ? Set.of()
                : pod.getStatus().getConditions().stream().filter(c -> "True".equals(c.getStatus())).map(c -> c.getType())
                        .collect(Collectors.toSet());
        return new PendingJobs.Pod(phase, trueConditions);
    }
}
