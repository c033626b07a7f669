package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tide.controller.ControllableScalerFactory.Source;
import dev.tide.controller.jobs.JobLoops;
import dev.tide.keda.api.Condition;
import dev.tide.keda.api.ScaledJob;
import dev.tide.keda.api.ScaledJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * ScaledJobs end to end on the mock API server with controllable sources: a queue becomes Jobs up to the maximum,
 * finished Jobs make room for more, the history limits trim them, a changed spec rolls old Jobs out, a pause or a
 * failing source starts nothing, and a new leader counts the Jobs that exist instead of starting them again.
 */
class ScalingJobsIT extends ScalingTestSupport {

    @Autowired
    JobLoops jobLoops;

    @Test
    void anEmptyQueueStartsNoJobAndReportsTheScaledJobReadyAndInactive() {
        String ns = "jobs-empty";
        ControllableScalerFactory.source("jobs-empty").value(0);
        applyScaledJob(ns, "worker", "jobs-empty", "maxReplicaCount: 5");

        await().atMost(WAIT).until(() -> condition(ns, "worker", "Active").map(Condition::reason).orElse("").equals("ScalerNotActive"));
        assertThat(condition(ns, "worker", "Ready")).map(Condition::message).contains("ScaledJob is defined correctly and is ready for scaling");
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> jobs(ns).isEmpty());
    }

    @Test
    void twentyMessagesStartFiveJobsAtMostThenMoreAsJobsFinish() {
        String ns = "jobs-queue";
        Source queue = ControllableScalerFactory.source("jobs-queue").value(20);
        applyScaledJob(ns, "worker", "jobs-queue", "maxReplicaCount: 5");

        await().atMost(WAIT).until(() -> jobs(ns).size() == 5);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> jobs(ns).size() == 5);
        Job first = jobs(ns).get(0);
        assertThat(first.getMetadata().getName()).startsWith("worker-");
        assertThat(first.getMetadata().getLabels()).containsEntry("scaledjob.keda.sh/name", "worker")
                .containsEntry("app.kubernetes.io/managed-by", "keda-operator");
        assertThat(first.getMetadata().getAnnotations()).containsEntry("scaledjob.keda.sh/generation", "1");
        assertThat(first.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getKind()).isEqualTo("ScaledJob"));
        assertThat(first.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("scaledjob.keda.sh/name", "worker");
        assertThat(first.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(eventReasons(ns)).contains("KEDAJobsCreated", "ScaledJobActive");

        queue.value(18);
        complete(ns, jobs(ns).get(0), true);
        complete(ns, jobs(ns).get(1), true);
        // Two finished: the default strategy starts two more (5 wanted, 3 running).
        await().atMost(WAIT).until(() -> running(ns) == 5 && jobs(ns).size() == 7);
    }

    @Test
    void theHistoryLimitsKeepOnlyTheNewestFinishedJobs() {
        String ns = "jobs-history";
        Source queue = ControllableScalerFactory.source("jobs-history").value(3);
        applyScaledJob(ns, "worker", "jobs-history", "maxReplicaCount: 3\nsuccessfulJobsHistoryLimit: 1\nfailedJobsHistoryLimit: 1");
        await().atMost(WAIT).until(() -> jobs(ns).size() == 3);

        queue.value(0);
        List<Job> started = jobs(ns);
        complete(ns, started.get(0), true);
        complete(ns, started.get(1), true);
        complete(ns, started.get(2), false);

        await().atMost(WAIT).until(() -> jobs(ns).size() == 2);
        assertThat(jobs(ns)).extracting(j -> j.getMetadata().getName())
                .containsExactlyInAnyOrder(started.get(1).getMetadata().getName(), started.get(2).getMetadata().getName());
    }

    @Test
    void aChangedSpecDeletesTheJobsOfThePreviousVersionUnlessTheRolloutIsGradual() {
        String ns = "jobs-rollout";
        ControllableScalerFactory.source("jobs-rollout").value(2);
        applyScaledJob(ns, "worker", "jobs-rollout", "maxReplicaCount: 2");
        await().atMost(WAIT).until(() -> jobs(ns).size() == 2);
        List<String> firstGeneration = names(jobs(ns));

        changeHistoryLimit(ns, 10);

        await().atMost(WAIT).until(() -> jobs(ns).size() == 2 && names(jobs(ns)).stream().noneMatch(firstGeneration::contains));
        assertThat(eventReasons(ns)).contains("ScaledJobRolloutCleanupStarted", "ScaledJobRolloutCleanupCompleted");

        String gradual = "jobs-gradual";
        ControllableScalerFactory.source("jobs-gradual").value(1);
        applyScaledJob(gradual, "worker", "jobs-gradual", "maxReplicaCount: 1\nrollout:\n  strategy: gradual");
        await().atMost(WAIT).until(() -> jobs(gradual).size() == 1);
        String kept = jobs(gradual).get(0).getMetadata().getName();
        changeHistoryLimit(gradual, 10);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> names(jobs(gradual)).contains(kept));
    }

    @Test
    void aPausedScaledJobStartsNothingAndSaysSo() {
        String ns = "jobs-paused";
        ControllableScalerFactory.source("jobs-paused").value(4);
        applyScaledJob(ns, "worker", "jobs-paused", "maxReplicaCount: 4", "annotations: {autoscaling.keda.sh/paused: \"true\"}");

        await().atMost(WAIT).until(() -> condition(ns, "worker", "Paused").map(Condition::reason).orElse("").equals("ScaledJobPaused"));
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> jobs(ns).isEmpty());
        assertThat(eventReasons(ns)).contains("ScaledJobPaused");
    }

    @Test
    void aFailingSourceStartsNoJobAndTheReadyConditionSaysWhy() {
        String ns = "jobs-down";
        ControllableScalerFactory.source("jobs-down").value(5).failing(true);
        applyScaledJob(ns, "worker", "jobs-down", "maxReplicaCount: 5");

        await().atMost(WAIT).until(() -> condition(ns, "worker", "Ready").map(Condition::reason).orElse("").equals("TriggerError"));
        assertThat(condition(ns, "worker", "Ready")).map(Condition::message).contains("Triggers defined in ScaledJob are not working correctly");
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> jobs(ns).isEmpty());
        assertThat(eventReasons(ns)).contains("KEDAScalerFailed");
    }

    @Test
    void aScaledJobWhoseSourceHangsDoesNotDelayAnotherOnesJobs() {
        String ns = "jobs-isolation";
        Source hanging = ControllableScalerFactory.source("jobs-hanging").value(3).hang();
        try {
            applyScaledJob(ns, "stuck", "jobs-hanging", "maxReplicaCount: 3");
            await().atMost(WAIT).until(() -> hanging.reads.get() >= 1);
            ControllableScalerFactory.source("jobs-healthy").value(2);

            applyScaledJob(ns, "healthy", "jobs-healthy", "maxReplicaCount: 2");

            long start = System.nanoTime();
            await().atMost(WAIT).until(() -> jobs(ns).stream()
                    .filter(j -> "healthy".equals(j.getMetadata().getLabels().get("scaledjob.keda.sh/name"))).count() == 2);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("Jobs within a few polling intervals").isLessThan(Duration.ofSeconds(5));
            assertThat(jobs(ns)).noneMatch(j -> "stuck".equals(j.getMetadata().getLabels().get("scaledjob.keda.sh/name")));
        } finally {
            hanging.release();
        }
    }

    @Test
    void aNewLeaderCountsTheJobsThatExistAndStartsNoneTwice() {
        String ns = "jobs-restart";
        ControllableScalerFactory.source("jobs-restart").value(3);
        applyScaledJob(ns, "worker", "jobs-restart", "maxReplicaCount: 3");
        await().atMost(WAIT).until(() -> jobs(ns).size() == 3);

        jobLoops.stopAll();
        jobLoops.startAll();

        await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> jobs(ns).size() == 3);
    }

    @Test
    void twentyMessagesOnARealKafkaTopicStartFiveJobsAndPrometheusShowsKedasScaledJobSeries() throws Exception {
        String ns = "jobs-kafka";
        try (TestKafka kafka = TestKafka.start()) {
            kafka.topics("work");
            ReconcilerTestSupport.apply(ns, scaledJobYaml("worker", "", "pollingInterval: 1\nmaxReplicaCount: 5", "", """
                    - type: kafka
                      name: work
                      metadata: {bootstrapServers: "%s", consumerGroup: workers, topic: work, lagThreshold: "1",
                                 allowIdleConsumers: "true"}
                    """.formatted(kafka.bootstrap)));
            await().atMost(WAIT).until(() -> condition(ns, "worker", "Ready").map(Condition::reason).orElse("").equals("ScaledJobReady"));
            await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> jobs(ns).isEmpty());

            kafka.produce("work", 20);

            await().atMost(WAIT).until(() -> jobs(ns).size() == 5);
            await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> jobs(ns).size() == 5);
            String labels = "metric=\"s0-kafka-work\",namespace=\"" + ns + "\",scaledObject=\"worker\",scaler=\"work\","
                    + "triggerIndex=\"0\",type=\"scaledjob\"";
            assertThat((String) get(managementPort, "/actuator/prometheus").body().get("text"))
                    .contains("keda_scaler_metrics_value{" + labels + "} 20.0")
                    .contains("keda_internal_scale_loop_latency_seconds{namespace=\"" + ns + "\",resource=\"worker\",type=\"scaledjob\"}")
                    .contains("keda_resource_registered_total{namespace=\"" + ns + "\",type=\"scaled_job\"} 1.0");

            // Gone before its broker is, so no scaler is left polling a dead broker.
            CLIENT.resources(ScaledJob.class).inNamespace(ns).withName("worker").delete();
            await().atMost(WAIT).until(() -> CLIENT.resources(ScaledJob.class).inNamespace(ns).withName("worker").get() == null);
        }
    }

    @Test
    void aFailingSourceIsCountedInKedasScaledJobErrorSeries() {
        String ns = "jobs-errors";
        ControllableScalerFactory.source("jobs-errors").value(1).failing(true);
        applyScaledJob(ns, "worker", "jobs-errors", "maxReplicaCount: 1");

        await().atMost(WAIT).untilAsserted(() -> assertThat((String) get(managementPort, "/actuator/prometheus").body().get("text"))
                .containsPattern("keda_scaled_job_errors_total\\{namespace=\"" + ns + "\",scaledJob=\"worker\"} [1-9]"));
    }

    @Test
    void aTriggerAuthenticationListsTheScaledJobsThatUseIt() {
        String ns = "jobs-auth";
        ControllableScalerFactory.source("jobs-auth").value(0);
        ReconcilerTestSupport.apply(ns, """
                apiVersion: keda.sh/v1alpha1
                kind: TriggerAuthentication
                metadata:
                  name: queue-auth
                spec: {}
                """);
        ReconcilerTestSupport.apply(ns, scaledJobYaml("worker", "", "pollingInterval: 1", "", """
                - type: tide-test
                  metadata: {source: jobs-auth}
                  authenticationRef:
                    name: queue-auth
                """));

        await().atMost(WAIT).until(() -> "worker".equals(authStatus(ns).getScaledjobs()));
        CLIENT.resources(ScaledJob.class).inNamespace(ns).withName("worker").delete();
        await().atMost(WAIT).until(() -> authStatus(ns).getScaledjobs() == null);
    }

    private static dev.tide.keda.api.TriggerAuthenticationStatus authStatus(String ns) {
        var ta = CLIENT.resources(dev.tide.keda.api.TriggerAuthentication.class).inNamespace(ns).withName("queue-auth").get();
        return ta.getStatus() == null ? new dev.tide.keda.api.TriggerAuthenticationStatus() : ta.getStatus();
    }

    /** A ScaledJob on one controllable source (one unit of work per message), polled every second. */
    static void applyScaledJob(String ns, String name, String source, String specExtras, String... metadataExtras) {
        ReconcilerTestSupport.apply(ns, scaledJobYaml(name, String.join("\n", metadataExtras), "pollingInterval: 1\n" + specExtras, "",
                """
                - type: tide-test
                  metadata:
                    source: %s
                    target: "1"
                """.formatted(source)));
    }

    /** A ScaledJob whose Jobs run one busybox container (with {@code containerExtras}), with the given triggers. */
    static String scaledJobYaml(String name, String metadataExtras, String specExtras, String containerExtras, String triggers) {
        return """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledJob
                metadata:
                  name: %s
                %s
                spec:
                %s
                  jobTargetRef:
                    template:
                      spec:
                        containers:
                        - name: work
                          image: busybox
                %s
                        restartPolicy: Never
                  triggers:
                %s
                ---
                """.formatted(name, metadataExtras.indent(2).stripTrailing(), specExtras.indent(2).stripTrailing(),
                containerExtras.indent(10).stripTrailing(), triggers.indent(2).stripTrailing());
    }

    /** A spec change (a new generation): the successful Jobs' history limit of ScaledJob {@code worker}. */
    static void changeHistoryLimit(String ns, int limit) {
        // The controller writes the object too (finalizer, status): retry on a conflict, as kubectl edit would.
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            CLIENT.resources(ScaledJob.class).inNamespace(ns).withName("worker").edit(sj -> {
                var s = sj.getSpec();
                sj.setSpec(new ScaledJobSpec(s.jobTargetRef(), s.pollingInterval(), limit, s.failedJobsHistoryLimit(), s.rolloutStrategy(),
                        s.rollout(), s.envSourceContainerName(), s.minReplicaCount(), s.maxReplicaCount(), s.scalingStrategy(), s.triggers()));
                return sj;
            });
            return true;
        });
    }

    static Optional<Condition> condition(String ns, String name, String type) {
        ScaledJob sj = CLIENT.resources(ScaledJob.class).inNamespace(ns).withName(name).get();
        return sj == null || sj.getStatus() == null ? Optional.empty() : sj.getStatus().condition(type);
    }

    static List<Job> jobs(String ns) {
        return CLIENT.batch().v1().jobs().inNamespace(ns).list().getItems().stream()
                .sorted(java.util.Comparator.comparing(j -> j.getMetadata().getName())).toList();
    }

    static long running(String ns) {
        return jobs(ns).stream().filter(j -> j.getStatus() == null || j.getStatus().getConditions() == null
                || j.getStatus().getConditions().isEmpty()).count();
    }

    static List<String> names(List<Job> jobs) {
        return jobs.stream().map(j -> j.getMetadata().getName()).toList();
    }

    /** What the Job controller writes when a Job ends. */
    static void complete(String ns, Job job, boolean succeeded) {
        Job current = CLIENT.batch().v1().jobs().inNamespace(ns).withName(job.getMetadata().getName()).get();
        String now = Instant.now().toString();
        current.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder()
                .withConditions(new JobConditionBuilder().withType(succeeded ? "Complete" : "Failed").withStatus("True")
                        .withLastTransitionTime(now).build())
                .withCompletionTime(succeeded ? now : null)
                .build());
        CLIENT.batch().v1().jobs().inNamespace(ns).resource(current).update();
    }
}
