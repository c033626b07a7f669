package dev.tide.sandbox;

import dev.tide.keda.api.EventReason;
import dev.tide.keda.api.KedaApi;
import dev.tide.keda.api.KedaCondition;
import dev.tide.keda.api.ScaledJob;
import dev.tide.keda.api.ScaledJobStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the load profile against the jobs scenario's {@link Environment}, samples the timeline (the queue, the
 * ScaledJob's Jobs, its Active condition and Tide's "Created n jobs" events) and prints it. The run ends once the
 * profile is sent, the queue is empty and no Job runs, and that has held for a quiet period (three polling
 * intervals, at least 3 s) in which Tide must start nothing; or at {@code --duration}.
 */
final class JobScenario {

    private final Environment env;
    private final PrintStream out;
    private final JobSetup setup;
    private final List<JobSample> samples = new ArrayList<>();
    private final ConditionLog conditions = new ConditionLog();
    private final Lags lags;

    JobScenario(Environment env, PrintStream out) {
        this.env = env;
        this.out = out;
        this.setup = env.jobs().setup();
        this.lags = new Lags(env.bootstrapServers, env.settings.scenario().topicNames(), env.settings.load().partitions());
    }

    JobReport run() {
        try (lags) {
            Instant start = env.clock.instant();
            Instant deadline = start.plus(env.settings.maxDuration());
            Duration pollingInterval = env.settings.scaling().pollingInterval();
            Duration quiet = pollingInterval.multipliedBy(3).compareTo(Duration.ofSeconds(3)) > 0
                    ? pollingInterval.multipliedBy(3) : Duration.ofSeconds(3);
            out.printf("%n  Profile: %s; a Job takes up to %d messages and runs %s ms; pollingInterval %ss, "
                            + "maxReplicaCount %d, successfulJobsHistoryLimit %d%n%n",
                    env.settings.load().profile(), setup.messagesPerJob(), env.settings.load().jobDuration().toMillis(),
                    pollingInterval.toSeconds(), setup.maxReplicaCount(), setup.successfulJobsHistoryLimit());
            out.printf("  %7s  %-22s %8s %7s  %-8s %5s %8s  %-7s %s%n", "time", "phase", "produced", "lag",
                    "running", "kept", "created", "active", "last creation (Tide)");
            env.producer.start(env.settings.load().profile());
            TimelinePrinter printer = new TimelinePrinter(out);
            Instant settledSince = null;
            while (true) {
                Instant now = env.clock.instant();
                JobSample sample = sample(start, now);
                samples.add(sample);
                String line = String.format(Locale.ROOT, "%-22s %8d %7s  %4d/%-3d %5d %8d  %-7s %s",
                        sample.messages().phase(), sample.messages().produced(), sample.messages().lagText(),
                        sample.jobs().running(), setup.maxReplicaCount(), sample.jobs().kept(), sample.jobs().created(),
                        sample.active(), Scenario.abbreviate(sample.decision(), 120));
                printer.offer(sample.seconds(), Duration.between(start, now).toMillis(), line);
                boolean settled = Scenario.profileDone(env, start, now) && sample.messages().lag() == 0
                        && sample.jobs().running() == 0;
                settledSince = settled ? (settledSince == null ? now : settledSince) : null;
                if (settledSince != null && Duration.between(settledSince, now).compareTo(quiet) >= 0) {
                    break;
                }
                if (now.isAfter(deadline)) {
                    break;
                }
                LockSupport.parkNanos(Scenario.SAMPLE_EVERY.toNanos());
            }
            return JobReport.of(env, start, samples, conditions.transitions());
        }
    }

    private JobSample sample(Instant start, Instant now) {
        double seconds = Duration.between(start, now).toMillis() / 1000.0;
        // The lag first (what was produced is read after it, so never less), the runner's count last: the runner
        // counts a Job before it takes its messages.
        List<Long> lag = lags.read();
        Sample.Messages messages = new Sample.Messages(env.producer.phase(), env.producer.sent(), lag);
        List<Job> jobs = env.client.batch().v1().jobs().inNamespace(Settings.NAMESPACE)
                .withLabel(KedaApi.SCALED_JOB_NAME_LABEL, setup.name()).list().getItems();
        int finished = (int) jobs.stream().filter(JobRunner::finished).count();
        ScaledJob scaledJob = env.client.resources(ScaledJob.class).inNamespace(Settings.NAMESPACE)
                .withName(setup.name()).get();
        Optional<ScaledJobStatus> status = Optional.ofNullable(scaledJob).map(ScaledJob::getStatus);
        String active = conditions.observe(status, KedaCondition.Type.ACTIVE, seconds);
        conditions.observe(status, KedaCondition.Type.READY, seconds);
        return new JobSample(now, seconds, messages,
                new JobSample.Jobs(jobs.size() - finished, finished, env.jobs().runner().tally().started()), active,
                lastCreation());
    }

    /** Tide's newest "Created n jobs" event for the ScaledJob. */
    private String lastCreation() {
        return env.client.v1().events().inNamespace(Settings.NAMESPACE).list().getItems().stream()
                .filter(e -> EventReason.JOBS_CREATED.reason().equals(e.getReason())
                        && setup.name().equals(e.getInvolvedObject().getName()))
                .max(Comparator.comparing(Scenario::eventTime))
                .map(e -> "tide: " + e.getMessage()).orElse("-");
    }
}
