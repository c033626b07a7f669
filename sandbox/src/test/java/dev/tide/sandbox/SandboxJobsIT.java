package dev.tide.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.keda.api.KedaApi;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code ./sandbox.sh --scenario jobs}, shortened: 600 messages become Jobs of 100 messages each, at most 5 at a
 * time, each completed by the job runner after 2 s; the queue drains and Tide trims the finished Jobs to 3.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxJobsIT {

    private ShortRun<JobReport> run;

    @BeforeAll
    void runTheJobsScenario() {
        run = ShortRun.startJobs("jobs", "idle 1s, burst 600, idle", "--job-duration", "2s");
    }

    @AfterAll
    void stopEverything() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void messagesBecomeJobsUpToTheMaximumUntilTheQueueIsEmptyAndTheHistoryIsTrimmed() {
        JobReport report = run.report();
        assertThat(report.failure()).as("verdict").isEmpty();
        // 600 messages, 100 a Job: 6 Jobs, at most 5 at once (maxReplicaCount), the sixth once one finished.
        assertThat(report.tally()).satisfies(tally -> {
            assertThat(tally.started()).isEqualTo(6);
            assertThat(tally.messages()).isEqualTo(600);
            assertThat(tally.empty()).isZero();
        });
        assertThat(report.peakRunning()).isEqualTo(5);
        // The first pass may land in the middle of the burst (4 Jobs, then 1): how many it starts depends on how much of
        // the burst is queued by then; the total and the peak above do not.
        assertThat(report.timeline().samples()).extracting(JobSample::decision)
                .anySatisfy(decision -> assertThat(decision).matches("tide: Created [1-5] jobs"));

        JobSample last = report.timeline().samples().get(report.timeline().samples().size() - 1);
        assertThat(last.messages().lag()).isZero();
        assertThat(last.jobs()).isEqualTo(new JobSample.Jobs(0, 3, 6));
        assertThat(report.createdOnTheEmptyQueue()).isZero();
        assertThat(report.timeline().conditions()).extracting(t -> t.type() + "=" + t.status())
                .contains("Ready=True").containsSubsequence("Active=True", "Active=False");

        // What kubectl get jobs,pods shows at the end: the 3 Jobs kept, completed as the Job controller writes it, and
        // their pods, Succeeded; the trimmed Jobs' pods are gone.
        List<Job> jobs = run.env().client.batch().v1().jobs().inNamespace(Settings.NAMESPACE)
                .withLabel(KedaApi.SCALED_JOB_NAME_LABEL, "orders-job").list().getItems();
        assertThat(jobs).hasSize(3).allSatisfy(job -> {
            assertThat(job.getStatus().getSucceeded()).isEqualTo(1);
            assertThat(job.getStatus().getCompletionTime()).isNotNull();
            assertThat(job.getStatus().getConditions()).singleElement()
                    .satisfies(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Complete=True"));
        });
        assertThat(run.env().client.pods().inNamespace(Settings.NAMESPACE)
                .withLabel(KedaApi.SCALED_JOB_NAME_LABEL, "orders-job").list().getItems())
                .extracting(pod -> pod.getMetadata().getLabels().get(JobRunner.JOB_NAME_LABEL) + " " + pod.getStatus().getPhase())
                .containsExactlyInAnyOrderElementsOf(jobs.stream().map(job -> job.getMetadata().getName() + " Succeeded").toList());

        assertThat(run.runDir().resolve("timeline.csv")).content()
                .startsWith("time_s,phase,produced,lag,running_jobs,finished_jobs_kept,jobs_created,active,");
        assertThat(run.runDir().resolve("timeline.svg")).content().contains("queue length (blue) and running Jobs (orange)");
    }
}
