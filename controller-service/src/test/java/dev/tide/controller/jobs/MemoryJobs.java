package dev.tide.controller.jobs;

import dev.tide.controller.LoopBenchmarkSupport;
import dev.tide.controller.kube.JobAccess;
import dev.tide.controller.kube.ObjectKey;
import dev.tide.controller.kube.StatusWriter;
import dev.tide.keda.api.EventReason;
import dev.tide.keda.api.KedaApi;
import dev.tide.keda.api.ScaledJob;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobList;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An in-memory API server for the job loops of {@link JobLoopBenchmark}: the Jobs of each ScaledJob and their pods in a
 * map, and a count of every request by kind.
 *
 * <p>Bodies go through JSON as with the fabric8 client, so that the client's share of each request stays in the
 * figures: a create encodes the Job, a status patch its operations, and a LIST answer is decoded from JSON into a
 * {@link JobList} or {@link PodList}. What the API server itself and the network would cost is not there; an optional
 * latency, parked on the calling thread, stands in for the time the API server takes to answer.
 *
 * <p>Every Job runs for a set time and has one pod, Running from the start: the first LIST after its end finds the
 * Job Complete and its pod Succeeded, as the Job controller and the kubelet would have written them. Finished Jobs
 * stay until they are deleted.
 */
final class MemoryJobs implements JobAccess {

    /** The requests the job loops make, one counter each. */
    enum Request { LIST_JOBS, LIST_PODS, CREATE_JOB, DELETE_JOB, PATCH_STATUS, EVENT, LIST_SCALED_JOBS }

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private final Duration jobRunsFor;
    private final Duration latency;
    private final Map<Request, LongAdder> requests = new EnumMap<>(Request.class);
    private final Map<ObjectKey, Owned> owners = new ConcurrentHashMap<>();
    private final LongAdder listedBytes = new LongAdder();

    /**
     * @param jobRunsFor how long each Job runs before it is Complete
     * @param latency added to every request, zero for none
     */
    MemoryJobs(Duration jobRunsFor, Duration latency) {
        this.jobRunsFor = jobRunsFor;
        this.latency = latency;
        for (Request request : Request.values()) {
            requests.put(request, new LongAdder());
        }
    }

    /** Every counter as it is now. */
    Map<Request, Long> counts() {
        Map<Request, Long> counts = new EnumMap<>(Request.class);
        requests.forEach((request, adder) -> counts.put(request, adder.sum()));
        return counts;
    }

    /** The bytes of every LIST answer decoded so far. */
    long listedBytes() {
        return listedBytes.sum();
    }

    /** The Jobs stored now, finished or not, of every ScaledJob. */
    long jobs() {
        return owners.values().stream().mapToLong(Owned::size).sum();
    }

    /** The Jobs stored now that have not finished. */
    long runningJobs() {
        return owners.values().stream().mapToLong(Owned::running).sum();
    }

    /** {@code count} Jobs of the ScaledJob that finished (Complete) an hour ago, as a ScaledJob's history holds them. */
    void prefill(ScaledJob scaledJob, int count) {
        for (int i = 0; i < count; i++) {
            Job job = JSON.unmarshal(JSON.asJson(JobTemplate.job(scaledJob, "bench", JobTemplate.randomSuffix())), Job.class);
            owned(scaledJob.getMetadata().getNamespace(), scaledJob.getMetadata().getName())
                    .add(new StoredJob(job, Instant.now().minus(Duration.ofHours(1)).minus(jobRunsFor), jobRunsFor));
        }
    }

    @Override
    public List<Job> jobs(String namespace, String scaledJob) {
        String body = answer(Request.LIST_JOBS, () -> owned(namespace, scaledJob).jobList(Instant.now()));
        listedBytes.add(body.length());
        return JSON.unmarshal(body, JobList.class).getItems();
    }

    @Override
    public List<Pod> pods(String namespace, String scaledJob) {
        String body = answer(Request.LIST_PODS, () -> owned(namespace, scaledJob).podList(Instant.now()));
        listedBytes.add(body.length());
        return JSON.unmarshal(body, PodList.class).getItems();
    }

    @Override
    public void create(Job job) {
        String body = JSON.asJson(job);
        answer(Request.CREATE_JOB, () -> {
            Job stored = JSON.unmarshal(body, Job.class);
            String owner = stored.getMetadata().getLabels().get(KedaApi.SCALED_JOB_NAME_LABEL);
            if (!owned(stored.getMetadata().getNamespace(), owner).add(new StoredJob(stored, Instant.now(), jobRunsFor))) {
                throw new KubernetesClientException(new StatusBuilder().withCode(409).withReason("AlreadyExists")
                        .withMessage("jobs.batch \"" + stored.getMetadata().getName() + "\" already exists").build());
            }
            return body;
        });
    }

    @Override
    public void delete(Job job, DeletionPropagation propagation) {
        answer(Request.DELETE_JOB, () -> {
            String namespace = job.getMetadata().getNamespace();
            String name = job.getMetadata().getName();
            boolean found = owners.entrySet().stream().filter(e -> e.getKey().namespace().equals(namespace))
                    .anyMatch(e -> e.getValue().remove(name));
            if (!found) {
                throw new KubernetesClientException(new StatusBuilder().withCode(404).withReason("NotFound").build());
            }
            return name;
        });
    }

    @Override
    public void patchStatus(ScaledJob scaledJob, List<StatusWriter.Operation> operations) {
        String body = JSON.asJson(operations);
        answer(Request.PATCH_STATUS, () -> body);
    }

    @Override
    public void event(ScaledJob scaledJob, EventReason reason, String message) {
        answer(Request.EVENT, () -> message);
    }

    @Override
    public Map<ObjectKey, ScaledJob> scaledJobs() {
        answer(Request.LIST_SCALED_JOBS, () -> "");
        return Map.of();
    }

    /** Counts the request, waits the latency, and answers. */
    private String answer(Request request, Supplier<String> work) {
        requests.get(request).increment();
        if (!latency.isZero()) {
            LoopBenchmarkSupport.sleep(latency);
        }
        return work.get();
    }

    private Owned owned(String namespace, String scaledJob) {
        return owners.computeIfAbsent(new ObjectKey(namespace, scaledJob), k -> new Owned());
    }

    /**
     * One Job and its one pod as the API server answers them: JSON with the fields the API server, the Job controller,
     * the scheduler and the kubelet fill in (defaults, selector, status, node, token volume, tolerations), while
     * running and once finished. No objects are kept: a LIST only joins the strings.
     */
    private static final class StoredJob {
        final String name;
        final Instant endsAt;
        boolean finished;
        String jobJson;
        String podJson;
        private String finishedJobJson;
        private String finishedPodJson;

        StoredJob(Job job, Instant createdAt, Duration runsFor) {
            this.name = job.getMetadata().getName();
            this.endsAt = createdAt.plus(runsFor);
            String uid = UUID.randomUUID().toString();
            String created = createdAt.toString();
            Map<String, String> selector = Map.of("batch.kubernetes.io/controller-uid", uid);
            Map<String, String> podLabels = new HashMap<>(job.getSpec().getTemplate().getMetadata().getLabels());
            podLabels.putAll(selector);
            podLabels.put("controller-uid", uid);
            podLabels.put(JobCensus.JOB_NAME_LABEL, name);
            podLabels.put(JobCensus.LEGACY_JOB_NAME_LABEL, name);
            job.getMetadata().setUid(uid);
            job.getMetadata().setCreationTimestamp(created);
            job.getMetadata().setResourceVersion("1");
            job.getMetadata().setGeneration(1L);
            job.getSpec().setCompletions(1);
            job.getSpec().setParallelism(1);
            job.getSpec().setCompletionMode("NonIndexed");
            job.getSpec().setSuspend(false);
            job.getSpec().setManualSelector(false);
            job.getSpec().setPodReplacementPolicy("TerminatingOrFailed");
            job.getSpec().setSelector(new LabelSelectorBuilder().withMatchLabels(selector).build());
            job.getSpec().getTemplate().getMetadata().setLabels(podLabels);
            Pod pod = pod(job, podLabels, created);
            job.setStatus(new JobStatusBuilder().withActive(1).withReady(1).withTerminating(0).withStartTime(created)
                    .withNewUncountedTerminatedPods().endUncountedTerminatedPods().build());
            jobJson = JSON.asJson(job);
            podJson = JSON.asJson(pod);
            String at = endsAt.toString();
            job.setStatus(new JobStatusBuilder().withSucceeded(1).withReady(0).withTerminating(0).withStartTime(created)
                    .withCompletionTime(at).withNewUncountedTerminatedPods().endUncountedTerminatedPods()
                    .withConditions(condition("SuccessCriteriaMet", at), condition("Complete", at)).build());
            pod.getStatus().setPhase("Succeeded");
            pod.getStatus().getContainerStatuses().get(0).setReady(false);
            pod.getStatus().getContainerStatuses().get(0).setState(new ContainerStateBuilder().withNewTerminated().withExitCode(0)
                    .withReason("Completed").withStartedAt(created).withFinishedAt(at).endTerminated().build());
            finishedJobJson = JSON.asJson(job);
            finishedPodJson = JSON.asJson(pod);
        }

        /** The Job's status once its pod has succeeded, from the first LIST after its end. */
        void finishIfDue(Instant now) {
            if (finished || now.isBefore(endsAt)) {
                return;
            }
            finished = true;
            jobJson = finishedJobJson;
            podJson = finishedPodJson;
            finishedJobJson = null;
            finishedPodJson = null;
        }

        private static JobCondition condition(String type, String at) {
            return new JobConditionBuilder().withType(type).withStatus("True").withLastProbeTime(at).withLastTransitionTime(at).build();
        }

        /** The Job's pod as it is while running: scheduled, token volume mounted, its container started. */
        private static Pod pod(Job job, Map<String, String> labels, String created) {
            Pod pod = new PodBuilder()
                    .withNewMetadata()
                    .withName(job.getMetadata().getName() + "-" + JobTemplate.randomSuffix())
                    .withGenerateName(job.getMetadata().getName() + "-")
                    .withNamespace(job.getMetadata().getNamespace())
                    .withUid(UUID.randomUUID().toString())
                    .withResourceVersion("1")
                    .withLabels(labels)
                    .withCreationTimestamp(created)
                    .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
                            .withName(job.getMetadata().getName()).withUid(job.getMetadata().getUid()).withController(true)
                            .withBlockOwnerDeletion(true).build())
                    .endMetadata()
                    .withSpec(job.getSpec().getTemplate().getSpec())
                    .build();
            PodSpec spec = pod.getSpec();
            spec.setNodeName("node-7");
            spec.setServiceAccountName("default");
            spec.setServiceAccount("default");
            spec.setSchedulerName("default-scheduler");
            spec.setDnsPolicy("ClusterFirst");
            spec.setEnableServiceLinks(true);
            spec.setPreemptionPolicy("PreemptLowerPriority");
            spec.setPriority(0);
            spec.setTerminationGracePeriodSeconds(30L);
            spec.setSecurityContext(new PodSecurityContext());
            spec.setTolerations(List.of(
                    new TolerationBuilder().withKey("node.kubernetes.io/not-ready").withOperator("Exists").withEffect("NoExecute")
                            .withTolerationSeconds(300L).build(),
                    new TolerationBuilder().withKey("node.kubernetes.io/unreachable").withOperator("Exists").withEffect("NoExecute")
                            .withTolerationSeconds(300L).build()));
            spec.setVolumes(List.of(new VolumeBuilder().withName("kube-api-access-x7k2p").withNewProjected().withDefaultMode(420)
                    .addNewSource().withNewServiceAccountToken().withExpirationSeconds(3607L).withPath("token").endServiceAccountToken().endSource()
                    .addNewSource().withNewConfigMap().withName("kube-root-ca.crt").addNewItem().withKey("ca.crt").withPath("ca.crt").endItem()
                    .endConfigMap().endSource()
                    .addNewSource().withNewDownwardAPI().addNewItem().withPath("namespace").withNewFieldRef("v1", "metadata.namespace")
                    .endItem().endDownwardAPI().endSource()
                    .endProjected().build()));
            var container = spec.getContainers().get(0);
            container.setImagePullPolicy("IfNotPresent");
            container.setTerminationMessagePath("/dev/termination-log");
            container.setTerminationMessagePolicy("File");
            container.setVolumeMounts(List.of(new VolumeMountBuilder().withName("kube-api-access-x7k2p")
                    .withMountPath("/var/run/secrets/kubernetes.io/serviceaccount").withReadOnly(true).build()));
            pod.setStatus(new PodStatusBuilder().withPhase("Running").withQosClass("Burstable").withHostIP("10.0.0.7")
                    .withPodIP("10.244.3.17").withStartTime(created)
                    .withConditions(Stream.of("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled")
                            .map(type -> new PodConditionBuilder().withType(type).withStatus("True").withLastTransitionTime(created).build())
                            .toList())
                    .withContainerStatuses(new ContainerStatusBuilder().withName(container.getName()).withImage(container.getImage())
                            .withImageID(container.getImage() + "@sha256:" + "0f".repeat(32)).withContainerID("containerd://" + "ab".repeat(32))
                            .withReady(true).withStarted(true).withRestartCount(0)
                            .withState(new ContainerStateBuilder().withNewRunning().withStartedAt(created).endRunning().build()).build())
                    .build());
            return pod;
        }
    }

    /** The Jobs of one ScaledJob, by name in creation order. */
    private static final class Owned {
        private final Map<String, StoredJob> jobs = new LinkedHashMap<>();

        synchronized boolean add(StoredJob job) {
            return jobs.putIfAbsent(job.name, job) == null;
        }

        synchronized boolean remove(String name) {
            return jobs.remove(name) != null;
        }

        synchronized long size() {
            return jobs.size();
        }

        synchronized long running() {
            return jobs.values().stream().filter(j -> !j.finished).count();
        }

        synchronized String jobList(Instant now) {
            jobs.values().forEach(j -> j.finishIfDue(now));
            return list("batch/v1", "JobList", jobs.values().stream().map(j -> j.jobJson).collect(Collectors.joining(",")));
        }

        synchronized String podList(Instant now) {
            jobs.values().forEach(j -> j.finishIfDue(now));
            return list("v1", "PodList", jobs.values().stream().map(j -> j.podJson).collect(Collectors.joining(",")));
        }

        private static String list(String apiVersion, String kind, String items) {
            return "{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"" + kind + "\",\"metadata\":{\"resourceVersion\":\"1\"},\"items\":["
                    + items + "]}";
        }
    }
}
