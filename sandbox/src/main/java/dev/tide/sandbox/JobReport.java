package dev.tide.sandbox;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a jobs scenario's run shows afterwards: the summary, the verdict (Jobs were created, never more than
 * {@code maxReplicaCount} ran at once, the queue drained, the history was trimmed to its limit, and no Job started on
 * the empty queue at the end, or which of these failed), and the timeline as CSV and SVG.
 *
 * @param runDir where the files are written
 * @param setup what the applied ScaledJob says
 * @param timeline what the run saw
 * @param tally what the job runner did
 */
record JobReport(Path runDir, JobSetup setup, Timeline timeline, JobRunner.Tally tally) implements RunReport {

    /**
     * @param start when the run started
     * @param firstMessage when the producer sent its first message
     * @param samples the timeline's rows
     * @param conditions every change of a ScaledJob condition
     */
    record Timeline(Instant start, Optional<Instant> firstMessage, List<JobSample> samples,
            List<ConditionLog.Transition> conditions) {
    }

    static JobReport of(Environment env, Instant start, List<JobSample> samples,
            List<ConditionLog.Transition> conditions) {
        return new JobReport(env.runDir, env.jobs().setup(), new Timeline(start,
                Optional.ofNullable(env.producer.firstSend()), List.copyOf(samples), List.copyOf(conditions)),
                env.jobs().runner().tally());
    }

    /** The most Jobs running at once, in the runner's listings (every 100 ms) or the timeline's rows. */
    int peakRunning() {
        return Math.max(tally.peakRunning(),
                timeline.samples().stream().mapToInt(s -> s.jobs().running()).max().orElse(0));
    }

    /** The rows from the one at which the queue was last seen to become empty, to the end; none if it was not. */
    List<JobSample> emptyAtTheEnd() {
        List<JobSample> samples = timeline.samples();
        int from = samples.size();
        while (from > 0 && samples.get(from - 1).messages().lag() == 0) {
            from--;
        }
        return samples.subList(from, samples.size());
    }

    /** Jobs created after the queue became empty for the last time. */
    int createdOnTheEmptyQueue() {
        List<JobSample> empty = emptyAtTheEnd();
        return empty.isEmpty() ? 0
                : empty.get(empty.size() - 1).jobs().created() - empty.get(0).jobs().created();
    }

    @Override
    public Optional<String> failure() {
        List<JobSample> samples = timeline.samples();
        if (timeline.firstMessage().isEmpty()) {
            return Optional.of("no message was produced");
        }
        if (tally.started() == 0) {
            return Optional.of("no Job was created");
        }
        if (peakRunning() > setup.maxReplicaCount()) {
            return Optional.of(peakRunning() + " Jobs ran at once, above maxReplicaCount " + setup.maxReplicaCount());
        }
        JobSample last = samples.get(samples.size() - 1);
        if (last.messages().lag() != 0) {
            return Optional.of("the queue did not drain: a lag of " + last.messages().lag() + " when the run ended");
        }
        if (last.jobs().kept() > setup.successfulJobsHistoryLimit()) {
            return Optional.of(last.jobs().kept() + " finished Jobs were kept at the end, above successfulJobsHistoryLimit "
                    + setup.successfulJobsHistoryLimit());
        }
        if (createdOnTheEmptyQueue() > 0) {
            return Optional.of("Jobs were created while the queue was empty at the end: " + createdOnTheEmptyQueue());
        }
        return Optional.empty();
    }

    @Override
    public void print(PrintStream out) {
        List<JobSample> samples = timeline.samples();
        JobSample last = samples.get(samples.size() - 1);
        out.println();
        out.println("  Summary");
        out.printf("    Jobs created: %d, at most %d running at once (maxReplicaCount %d)%n", tally.started(),
                peakRunning(), setup.maxReplicaCount());
        out.printf("    messages taken by Jobs: %d of %d produced, up to %d per Job; Jobs that found the queue empty: %d%n",
                tally.messages(), last.messages().produced(), setup.messagesPerJob(), tally.empty());
        List<JobSample> empty = emptyAtTheEnd();
        if (empty.isEmpty()) {
            out.printf("    queue drained: no, a lag of %d at the end%n", last.messages().lag());
        } else {
            out.printf(Locale.ROOT, "    queue drained: %.1f s into the run; Jobs created after that: %d%n",
                    empty.get(0).seconds(), createdOnTheEmptyQueue());
        }
        out.printf("    finished Jobs at the end: %d kept (successfulJobsHistoryLimit %d), %d deleted by Tide%n",
                last.jobs().kept(), setup.successfulJobsHistoryLimit(),
                last.jobs().created() - last.jobs().running() - last.jobs().kept());
        out.printf("    ScaledJob conditions: %s%n", ConditionLog.describe(timeline.conditions()));
        out.printf("    files: %s (timeline.csv, timeline.svg, summary.txt, logs/, kubeconfig)%n", runDir.toAbsolutePath());
        out.println(failure().map(f -> "  RESULT: FAILED: " + f).orElse(String.format(Locale.ROOT,
                "  RESULT: OK, %d Jobs, at most %d at once, the queue drained, %d finished Jobs kept", tally.started(),
                peakRunning(), last.jobs().kept())));
    }

    @Override
    public void write() {
        StringBuilder csv = new StringBuilder(
                "time_s,phase,produced,lag,running_jobs,finished_jobs_kept,jobs_created,active,last_creation\n");
        for (JobSample s : timeline.samples()) {
            csv.append(String.format(Locale.ROOT, "%.3f,%s,%d,%d,%d,%d,%d,%s,\"%s\"%n", s.seconds(),
                    s.messages().phase(), s.messages().produced(), s.messages().lag(), s.jobs().running(),
                    s.jobs().kept(), s.jobs().created(), s.active(), s.decision().replace("\"", "\"\"")));
        }
        writeFiles(runDir, csv, Chart.svg("queue length (blue) and running Jobs (orange)",
                timeline.samples().stream().map(s -> new Chart.Point(s.seconds(), s.messages().lag(),
                        s.jobs().running())).toList()));
    }
}
