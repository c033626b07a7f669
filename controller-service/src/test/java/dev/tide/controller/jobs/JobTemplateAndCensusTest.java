package dev.tide.controller.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.keda.api.ScaledJob;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * KEDA's {@code TestGenerateJobs} and the Job counting of {@code scale_jobs_test.go}, on the Kubernetes objects the
 * controller reads: a Job as KEDA makes it, and running, pending and finished Jobs as KEDA counts them.
 */
class JobTemplateAndCensusTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static ScaledJob scaledJob(String metadataExtras) {
        return SERIALIZATION.unmarshal("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledJob
                metadata:
                  name: test
                  namespace: test
                  uid: u-1
                  generation: 3
                %s
                spec:
                  jobTargetRef:
                    template:
                      metadata:
                        labels: {app: test}
                      spec:
                        containers: [{name: work, image: busybox}]
                  triggers: [{type: tide-test, metadata: {source: x}}]
                """.formatted(metadataExtras.indent(2)), ScaledJob.class);
    }

    @Test
    void aJobCarriesKedasNameLabelsAnnotationsOwnerAndRestartPolicy() {
        ScaledJob scaledJob = scaledJob("""
                labels: {team: media, secret-label: hidden}
                annotations: {scaledjob.keda.sh/job-excluded-labels: "secret-label", note: kept}
                """);

        Job job = JobTemplate.job(scaledJob, "main", "b4k2x");

        assertThat(job.getMetadata().getGenerateName()).isEqualTo("test-");
        assertThat(job.getMetadata().getName()).isEqualTo("test-b4k2x");
        assertThat(job.getMetadata().getNamespace()).isEqualTo("test");
        assertThat(job.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "app.kubernetes.io/name", "test", "app.kubernetes.io/version", "main", "app.kubernetes.io/part-of", "test",
                "app.kubernetes.io/managed-by", "keda-operator", "scaledjob.keda.sh/name", "test", "team", "media"));
        assertThat(job.getMetadata().getAnnotations()).containsEntry("scaledjob.keda.sh/generation", "3").containsEntry("note", "kept");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("ScaledJob");
            assertThat(owner.getController()).isTrue();
            assertThat(owner.getUid()).isEqualTo("u-1");
        });
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("app", "test")
                .containsEntry("scaledjob.keda.sh/name", "test");
        assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("OnFailure");
        assertThat(scaledJob.getSpec().jobTargetRef().getTemplate().getSpec().getRestartPolicy()).as("the ScaledJob is not changed")
                .isNull();
    }

    @Test
    void generatedNamesUseTheApiServersAlphabet() {
        assertThat(JobTemplate.randomSuffix()).hasSize(5).matches("[bcdfghjklmnpqrstvwxz2456789]{5}");
    }

    @Test
    void runningPendingAndFinishedJobsAreCountedAsKedaCountsThem() {
        List<Job> jobs = List.of(job("started"), job("waiting"), job("no-pods"), finished("done", "Complete", "2020-07-29T15:37:00Z"),
                finished("broken", "Failed", null));
        List<Pod> pods = List.of(pod("started", "Running"), pod("waiting", "Pending"));

        JobCensus census = JobCensus.of(jobs, pods, List.of());

        assertThat(census.running()).isEqualTo(3);
        assertThat(census.pending()).as("waiting and no-pods").isEqualTo(2);
        assertThat(census.finished()).extracting(f -> f.name() + ":" + f.succeeded()).containsExactly("done:true", "broken:false");
        assertThat(census.finished().get(1).finishedAt()).as("a failed Job's time is its Failed condition's")
                .isEqualTo(Instant.parse("2020-07-29T15:40:00Z"));
    }

    static Job job(String name) {
        return new JobBuilder().withNewMetadata().withName(name).endMetadata().build();
    }

    static Job finished(String name, String type, String completionTime) {
        return new JobBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().withCompletionTime(completionTime)
                .addNewCondition().withType(type).withStatus("True").withLastTransitionTime("2020-07-29T15:40:00Z").endCondition()
                .endStatus().build();
    }

    static Pod pod(String job, String phase) {
        return new PodBuilder().withNewMetadata().withName(job + "-pod").addToLabels("batch.kubernetes.io/job-name", job).endMetadata()
                .withNewStatus().withPhase(phase).endStatus().build();
    }
}
