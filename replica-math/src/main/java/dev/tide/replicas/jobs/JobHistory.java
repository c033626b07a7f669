package dev.tide.replicas.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which finished Jobs a ScaledJob deletes ({@code successfulJobsHistoryLimit} and {@code failedJobsHistoryLimit},
 * 100 each by default): the oldest beyond each limit.
 */
public final class JobHistory {

    /** KEDA's {@code defaultSuccessfulJobsHistoryLimit} and {@code defaultFailedJobsHistoryLimit}. */
    public static final int DEFAULT_LIMIT = 100;

    private JobHistory() {
    }

    /**
     * A finished Job.
     *
     * @param succeeded its Complete condition is True (else its Failed condition is)
     * @param finishedAt {@code status.completionTime}; for a failed Job, which has none, the time its Failed
     *     condition became True; null when neither is known (sorted as the oldest)
     */
    public record FinishedJob(String name, boolean succeeded, Instant finishedAt) {
    }

    /** The names to delete: succeeded and failed Jobs each sorted oldest first, those beyond their limit. */
    public static List<String> toDelete(List<FinishedJob> finished, int successfulLimit, int failedLimit) {
        List<String> names = new ArrayList<>();
        names.addAll(oldestBeyond(finished.stream().filter(FinishedJob::succeeded).toList(), successfulLimit));
        names.addAll(oldestBeyond(finished.stream().filter(j -> !j.succeeded()).toList(), failedLimit));
        return names;
    }

    private static List<String> oldestBeyond(List<FinishedJob> jobs, int limit) {
        if (jobs.size() <= limit) {
            return List.of();
        }
        return jobs.stream()
                .sorted(Comparator.comparing(FinishedJob::finishedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(FinishedJob::name))
                .limit(jobs.size() - (long) Math.max(0, limit))
                .map(FinishedJob::name)
                .toList();
    }
}
