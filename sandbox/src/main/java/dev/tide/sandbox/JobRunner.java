package dev.tide.sandbox;

import dev.tide.keda.api.KedaApi;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Job controller, the kubelet and the garbage collector for one ScaledJob's Jobs, on one thread. Every 100 ms it
 * lists the Jobs labelled {@code scaledjob.keda.sh/name=<ScaledJob>}. A Job it has not seen starts: it takes a batch
 * of messages from the topic ({@link JobBatch}: up to the kafka trigger's {@code lagThreshold}, committed for the
 * consumer group at once, so the lag counts only messages no Job has taken), its status gets {@code startTime} and
 * {@code active: 1}, and it gets one Running pod labelled {@code scaledjob.keda.sh/name} and
 * {@code batch.kubernetes.io/job-name}. After the run time the Job completes as the Job controller writes it
 * ({@code Complete=True}, {@code completionTime}, {@code succeeded: 1}) and its pod turns Succeeded. The pod of a
 * Job that is gone (Tide trims the history) is deleted.
 */
final class JobRunner implements AutoCloseable {

    /** The label the Job controller puts on a Job's pods, and its older spelling. */
    static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";
    static final String LEGACY_JOB_NAME_LABEL = "job-name";

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    private static final Duration TAKE_TIMEOUT = Duration.ofSeconds(5);

    private final KubernetesClient client;
    private final String namespace;
    private final JobSetup setup;
    private final Duration runTime;
    private final Clock clock;
    private final KafkaConsumer<String, String> consumer;
    private final List<TopicPartition> partitions;
    /** Jobs started and not yet gone. */
    private final Set<String> started = new HashSet<>();
    /** Jobs running, with when each completes. */
    private final Map<String, Instant> due = new LinkedHashMap<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            runnable -> Workload.daemon("job-runner", runnable));
    private Tally tally = new Tally(0, 0, 0, 0);

    /**
     * What the runner has seen and done so far.
     *
     * @param started Jobs started: every Job Tide created, since Jobs end only here and Tide deletes only finished
     *     ones (unless a changed ScaledJob rolls running Jobs out, which no scenario does)
     * @param peakRunning the most Jobs without a Complete or Failed condition in one listing
     * @param messages messages taken by all Jobs
     * @param empty Jobs that found no message waiting
     */
    record Tally(int started, int peakRunning, long messages, int empty) {
    }

    JobRunner(KubernetesClient client, String namespace, JobSetup setup, String bootstrapServers, String topic,
            int partitionCount, Duration runTime, Clock clock) {
        this.client = client;
        this.namespace = namespace;
        this.setup = setup;
        this.runTime = runTime;
        this.clock = clock;
        Properties properties = new Properties();
        properties.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                // Commits for the ScaledJob's consumer group; partitions are assigned, so it never joins the group.
                ConsumerConfig.GROUP_ID_CONFIG, Settings.GROUP,
                ConsumerConfig.CLIENT_ID_CONFIG, "job-runner",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                // A seek back discards the fetch under way, which at the end of a partition waits this long.
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        this.consumer = new KafkaConsumer<>(properties);
        this.partitions = IntStream.range(0, partitionCount).mapToObj(p -> new TopicPartition(topic, p)).toList();
        consumer.assign(partitions);
    }

    void start() {
        thread.scheduleWithFixedDelay(this::round, 0, 100, TimeUnit.MILLISECONDS);
    }

    synchronized Tally tally() {
        return tally;
    }

    private void round() {
        try {
            List<Job> jobs = client.batch().v1().jobs().inNamespace(namespace)
                    .withLabel(KedaApi.SCALED_JOB_NAME_LABEL, setup.name()).list().getItems();
            int running = (int) jobs.stream().filter(job -> !finished(job)).count();
            synchronized (this) {
                tally = new Tally(tally.started(), Math.max(tally.peakRunning(), running), tally.messages(), tally.empty());
            }
            Set<String> present = jobs.stream().map(job -> job.getMetadata().getName()).collect(Collectors.toSet());
            for (String gone : started.stream().filter(name -> !present.contains(name)).toList()) {
                client.pods().inNamespace(namespace).withName(podName(gone)).delete();
                started.remove(gone);
                due.remove(gone);
            }
            jobs.stream().filter(job -> !started.contains(job.getMetadata().getName()) && !finished(job))
                    .sorted(Comparator.comparing((Job job) -> String.valueOf(job.getMetadata().getCreationTimestamp()))
                            .thenComparing(job -> job.getMetadata().getName()))
                    .forEach(this::startJob);
            Instant now = clock.instant();
            for (String name : due.entrySet().stream().filter(e -> !now.isBefore(e.getValue())).map(Map.Entry::getKey)
                    .toList()) {
                complete(name);
                // Only once the Job's status is written: a refused write is tried again next round.
                due.remove(name);
            }
        } catch (KubernetesClientException e) {
            LOG.warn("Job runner: the API server refused a request ({}); the next round tries again", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Job runner round failed; the next round tries again", e);
        }
    }

    private void startJob(Job job) {
        String name = job.getMetadata().getName();
        started.add(name);
        synchronized (this) {
            // Counted before it takes its messages: whoever sees the queue shrink sees the Job counted.
            tally = new Tally(tally.started() + 1, tally.peakRunning(), tally.messages(), tally.empty());
        }
        JobBatch batch = take();
        due.put(name, clock.instant().plus(runTime));
        synchronized (this) {
            tally = new Tally(tally.started(), tally.peakRunning(), tally.messages() + batch.taken(),
                    tally.empty() + (batch.taken() == 0 ? 1 : 0));
        }
        LOG.info("Job {} started with {} messages", name, batch.taken());
        String now = timestamp();
        client.batch().v1().jobs().inNamespace(namespace).withName(name).editStatus(current -> {
            current.setStatus(new JobStatusBuilder().withStartTime(now).withActive(1).build());
            return current;
        });
        client.pods().inNamespace(namespace).resource(pod(job, now)).create();
    }

    /** Up to {@code messagesPerJob} of the messages waiting, committed for the consumer group. */
    private JobBatch take() {
        Map<TopicPartition, Long> positions = new HashMap<>();
        partitions.forEach(partition -> positions.put(partition, consumer.position(partition)));
        long size = JobBatch.size(setup.messagesPerJob(), consumer.endOffsets(partitions), positions);
        List<JobBatch.Offset> polled = new ArrayList<>();
        Instant giveUp = clock.instant().plus(TAKE_TIMEOUT);
        while (polled.size() < size && clock.instant().isBefore(giveUp)) {
            for (ConsumerRecord<String, String> message : consumer.poll(Duration.ofMillis(100))) {
                polled.add(new JobBatch.Offset(new TopicPartition(message.topic(), message.partition()), message.offset()));
            }
        }
        JobBatch batch = JobBatch.of(polled, size);
        batch.rewind().forEach(consumer::seek);
        if (!batch.commit().isEmpty()) {
            consumer.commitSync(batch.commit().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue()))));
        }
        return batch;
    }

    /** The pod's end, and what the Job controller writes when a Job's one pod succeeded. */
    private void complete(String name) {
        String now = timestamp();
        try {
            client.pods().inNamespace(namespace).withName(podName(name)).editStatus(pod -> {
                pod.getStatus().setPhase("Succeeded");
                pod.getStatus().setConditions(List.of(podCondition("Ready", "False", now)));
                return pod;
            });
        } catch (KubernetesClientException e) {
            // A pod that could not be created or written does not keep its Job from completing.
            LOG.warn("Job runner: could not mark the pod of Job {} Succeeded ({})", name, e.getMessage());
        }
        client.batch().v1().jobs().inNamespace(namespace).withName(name).editStatus(job -> {
            job.setStatus(new JobStatusBuilder(job.getStatus()).withActive(0).withSucceeded(1).withCompletionTime(now)
                    .withConditions(new JobConditionBuilder().withType("Complete").withStatus("True")
                            .withLastProbeTime(now).withLastTransitionTime(now).build())
                    .build());
            return job;
        });
        LOG.info("Job {} completed", name);
    }

    private Pod pod(Job job, String now) {
        String name = job.getMetadata().getName();
        return new PodBuilder()
                .withNewMetadata().withName(podName(name)).withNamespace(namespace)
                .withLabels(Map.of(KedaApi.SCALED_JOB_NAME_LABEL, setup.name(), JOB_NAME_LABEL, name,
                        LEGACY_JOB_NAME_LABEL, name))
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
                        .withName(name).withUid(job.getMetadata().getUid()).withController(true)
                        .withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .withNewStatus().withPhase("Running").withStartTime(now)
                .withConditions(podCondition("PodScheduled", "True", now), podCondition("Initialized", "True", now),
                        podCondition("ContainersReady", "True", now), podCondition("Ready", "True", now))
                .endStatus()
                .build();
    }

    private static PodCondition podCondition(String type, String status, String now) {
        return new PodConditionBuilder().withType(type).withStatus(status).withLastTransitionTime(now).build();
    }

    /** The Job controller names a pod {@code <job>-<5 random characters>}; one pod per Job here, so a fixed suffix. */
    static String podName(String job) {
        return job + "-run";
    }

    /** A Complete or Failed condition is True. */
    static boolean finished(Job job) {
        return job.getStatus() != null && job.getStatus().getConditions() != null && job.getStatus().getConditions()
                .stream().anyMatch(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                        && "True".equals(c.getStatus()));
    }

    /** Kubernetes writes times in whole seconds. */
    private String timestamp() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(2));
    }
}
