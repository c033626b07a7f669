package dev.tide.controller.kube;

import dev.tide.keda.api.EventReason;
import dev.tide.keda.api.KedaApi;
import dev.tide.keda.api.ScaledJob;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the ScaledJob loops and reconciler read and write: the Jobs of a ScaledJob and their pods (both found by the
 * {@code scaledjob.keda.sh/name} label, which every created Job and its pod template carry), Job creation and
 * deletion, the ScaledJob's status and events. Read straight from the API server on every pass (KEDA reads them
 * through its manager's informer cache), so a restarted or new leader counts the Jobs that exist and never starts
 * them twice, at the cost of two LISTs a pass (BENCHMARKS.md, "ScaledJob loops").
 */
public interface JobAccess {

    List<Job> jobs(String namespace, String scaledJob);

    /** The pods of every Job of the ScaledJob, in one LIST. */
    List<Pod> pods(String namespace, String scaledJob);

    void create(Job job);

    void delete(Job job, DeletionPropagation propagation);

    void patchStatus(ScaledJob scaledJob, List<StatusWriter.Operation> operations);

    void event(ScaledJob scaledJob, EventReason reason, String message);

    /** Every ScaledJob, read fresh (one LIST) when this replica takes the lead. */
    Map<ObjectKey, ScaledJob> scaledJobs();

    /** The fabric8 implementation; ScaledJobs are listed in the watched namespaces only (all when empty). */
    static JobAccess of(KubernetesClient client, StatusWriter statusWriter, EventRecorder events, Set<String> watchNamespaces) {
        return new JobAccess() {
            @Override
            public List<Job> jobs(String namespace, String scaledJob) {
                return client.batch().v1().jobs().inNamespace(namespace).withLabel(KedaApi.SCALED_JOB_NAME_LABEL, scaledJob)
                        .list().getItems();
            }

            @Override
            public List<Pod> pods(String namespace, String scaledJob) {
                return client.pods().inNamespace(namespace).withLabel(KedaApi.SCALED_JOB_NAME_LABEL, scaledJob).list().getItems();
            }

            @Override
            public void create(Job job) {
                client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).resource(job).create();
            }

            @Override
            public void delete(Job job, DeletionPropagation propagation) {
                client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName())
                        .withPropagationPolicy(propagation).delete();
            }

            @Override
            public void patchStatus(ScaledJob scaledJob, List<StatusWriter.Operation> operations) {
                statusWriter.patch(scaledJob, operations);
            }

            @Override
            public void event(ScaledJob scaledJob, EventReason reason, String message) {
                events.record(scaledJob, reason, message);
            }

            @Override
            public Map<ObjectKey, ScaledJob> scaledJobs() {
                List<ScaledJob> items = new ArrayList<>();
                if (watchNamespaces.isEmpty()) {
                    items.addAll(client.resources(ScaledJob.class).inAnyNamespace().list().getItems());
                } else {
                    watchNamespaces.forEach(ns -> items.addAll(client.resources(ScaledJob.class).inNamespace(ns).list().getItems()));
                }
                Map<ObjectKey, ScaledJob> all = new HashMap<>();
                items.forEach(sj -> all.put(ObjectKey.of(sj), sj));
                return all;
            }
        };
    }
}
