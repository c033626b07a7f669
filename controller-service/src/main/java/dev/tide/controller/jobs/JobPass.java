package dev.tide.controller.jobs;

import dev.tide.controller.kube.JobAccess;
import dev.tide.controller.kube.StatusWriter;
import dev.tide.controller.observability.ScalingMetrics;
import dev.tide.controller.sources.Reading;
import dev.tide.controller.sources.TriggerMetric;
import dev.tide.keda.api.Condition;
import dev.tide.keda.api.EventReason;
import dev.tide.keda.api.KedaJobCondition;
import dev.tide.keda.api.ScaledJob;
import dev.tide.replicas.jobs.JobHistory;
import dev.tide.replicas.jobs.JobPlan;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of a ScaledJob (KEDA's {@code RequestJobScale}): the triggers' demand and the Jobs that exist decide how
 * many Jobs to start ({@link JobPlan}); those are created, finished Jobs beyond the history limits deleted, and the
 * Ready and Active conditions written when they change, with KEDA's events. A pass that cannot count the Jobs starts
 * none: KEDA counts 0 then and would start up to the maximum again.
 */
final class JobPass {

    private static final Logger log = LoggerFactory.getLogger(JobPass.class);
    /** Draws of a new name on a clash: with 27^5 names, eight clashes in a row are not chance. */
    private static final int NAME_ATTEMPTS = 8;

    private final JobAccess cluster;
    private final ScalingMetrics metrics;
    private final Clock clock;
    private final String operatorVersion;

    JobPass(JobAccess cluster, ScalingMetrics metrics, Clock clock, String operatorVersion) {
        this.cluster = cluster;
        this.metrics = metrics;
        this.clock = clock;
        this.operatorVersion = operatorVersion;
    }

    /** Called with the loop's monitor held. */
    void run(JobLoop loop, JobRegistration registration, List<Reading> readings) {
        ScaledJob scaledJob = registration.scaledJob();
        String namespace = scaledJob.getMetadata().getNamespace();
        String name = scaledJob.getMetadata().getName();
        Map<String, Reading> byMetric = new HashMap<>();
        readings.forEach(r -> byMetric.put(r.metricName(), r));
        reportCauseChanges(loop, registration, readings);
        JobDemand demand = JobDemand.of(registration.scalers().triggers(), byMetric, registration.calculation(), registration.bounds());
        boolean error = demand.failedTriggers() > 0;
        if (error) {
            metrics.scaledJobError(namespace, name);
        }
        JobCensus census;
        try {
            census = JobCensus.of(cluster.jobs(namespace, name), cluster.pods(namespace, name), registration.pendingPodConditions());
        } catch (KubernetesClientException e) {
            loopFailed(loop, "cannot count the Jobs of ScaledJob " + loop.key + " (HTTP " + e.getCode()
                    + "); no Job is started until they can be counted");
            return;
        }
        boolean active = demand.demand().active();
        JobPlan plan = JobPlan.decide(registration.strategy(), registration.bounds(), demand.demand(), census.running(), census.pending());
        if (plan.create() > 0) {
            create(scaledJob, plan.create());
        }
        trimHistory(scaledJob, registration, census);
        Condition ready = error ? (active ? KedaJobCondition.PARTIAL_TRIGGER_ERROR : KedaJobCondition.TRIGGER_ERROR).condition()
                : KedaJobCondition.READY.condition();
        Condition activity = (active ? KedaJobCondition.ACTIVE : KedaJobCondition.NOT_ACTIVE).condition();
        if (active != loop.wasActive) {
            cluster.event(scaledJob, active ? EventReason.SCALED_JOB_ACTIVE : EventReason.SCALED_JOB_INACTIVE, activity.message());
        }
        write(loop, scaledJob, List.of(ready, activity), active != loop.wasActive);
        loop.wasActive = active;
    }

    /** The loop itself failed, or could not count Jobs: Ready=False naming it, only when that is news. */
    void loopFailed(JobLoop loop, String message) {
        JobRegistration registration = loop.registration;
        if (registration != null) {
            write(loop, registration.scaledJob(), List.of(KedaJobCondition.JOB_LOOP_FAILED.withMessage(message)), false);
        }
    }

    /** KEDA's {@code createJobs}: one create per Job, a failed one reported, then "Created n jobs" for the request. */
    private void create(ScaledJob scaledJob, long count) {
        for (long i = 0; i < count; i++) {
            createOne(scaledJob);
        }
        cluster.event(scaledJob, EventReason.JOBS_CREATED, "Created " + count + " jobs");
    }

    /** One Job; a name already taken is drawn again, a bounded number of times. */
    private void createOne(ScaledJob scaledJob) {
        for (int attempt = 1; ; attempt++) {
            Job job = JobTemplate.job(scaledJob, operatorVersion, JobTemplate.randomSuffix());
            try {
                cluster.create(job);
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409 && attempt < NAME_ATTEMPTS) {
                    continue;
                }
                log.warn("ScaledJob {}/{}: could not create a Job (HTTP {})", scaledJob.getMetadata().getNamespace(),
                        scaledJob.getMetadata().getName(), e.getCode());
                cluster.event(scaledJob, EventReason.JOB_CREATE_FAILED, "Failed to create job " + job.getMetadata().getGenerateName()
                        + ": HTTP " + e.getCode() + (e.getStatus() == null ? "" : " " + e.getStatus().getReason()));
                return;
            }
        }
    }

    /** KEDA's {@code cleanUp}: the oldest finished Jobs beyond each history limit, deleted in the background. */
    private void trimHistory(ScaledJob scaledJob, JobRegistration registration, JobCensus census) {
        List<String> names = JobHistory.toDelete(census.finished(), registration.successfulJobsHistoryLimit(),
                registration.failedJobsHistoryLimit());
        for (String jobName : names) {
            Job job = new Job();
            job.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(jobName)
                    .withNamespace(scaledJob.getMetadata().getNamespace()).build());
            try {
                cluster.delete(job, DeletionPropagation.BACKGROUND);
            } catch (KubernetesClientException e) {
                log.warn("ScaledJob {}/{}: could not delete finished Job {} (HTTP {}); the next pass retries",
                        scaledJob.getMetadata().getNamespace(), scaledJob.getMetadata().getName(), jobName, e.getCode());
            }
        }
    }

    /** KEDA's {@code KEDAScalerFailed}, and one log line, per change of a trigger's failure cause, not per poll. */
    private void reportCauseChanges(JobLoop loop, JobRegistration registration, List<Reading> readings) {
        for (Reading reading : readings) {
            if (reading.refused() && loop.causes.containsKey(reading.metricName())) {
                continue;
            }
            String before = loop.causes.get(reading.metricName());
            String now = reading.failure().orElse(null);
            if (Objects.equals(before, now)) {
                continue;
            }
            String trigger = registration.metrics().stream().filter(m -> m.metricName().equals(reading.metricName()))
                    .findFirst().map(TriggerMetric::triggerLabel).orElse(reading.metricName());
            if (now == null) {
                loop.causes.remove(reading.metricName());
                log.info("ScaledJob {}: {} reads its event source again", loop.key, trigger);
            } else {
                loop.causes.put(reading.metricName(), now);
                log.warn("ScaledJob {}: {} cannot be read: {}; no Job is started for it until the source answers", loop.key, trigger, now);
                cluster.event(registration.scaledJob(), EventReason.SCALER_FAILED, trigger + ": " + now);
            }
        }
    }

    /** Sets the given conditions in the loop's view and patches the status when that changed. */
    private void write(JobLoop loop, ScaledJob scaledJob, List<Condition> changes, boolean activityChanged) {
        List<Condition> conditions = new ArrayList<>(loop.conditions);
        for (Condition change : changes) {
            int at = indexOf(conditions, change.type());
            if (at < 0) {
                conditions.add(change);
            } else {
                conditions.set(at, change);
            }
        }
        if (conditions.equals(loop.conditions) && !activityChanged) {
            return;
        }
        List<StatusWriter.Operation> operations = new ArrayList<>();
        operations.add(StatusWriter.Operation.set("/status/conditions", conditions));
        if (activityChanged) {
            // Written when the ScaledJob turns active or inactive, not on every active pass as KEDA does.
            operations.add(StatusWriter.Operation.set("/status/lastActiveTime",
                    Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString()));
        }
        try {
            cluster.patchStatus(scaledJob, operations);
            loop.conditions = List.copyOf(conditions);
        } catch (KubernetesClientException e) {
            log.warn("Could not write the status of ScaledJob {}; the next pass retries (HTTP {})", loop.key, e.getCode());
        }
    }

    private static int indexOf(List<Condition> conditions, String type) {
        for (int i = 0; i < conditions.size(); i++) {
            if (conditions.get(i).type().equals(type)) {
                return i;
            }
        }
        return -1;
    }
}
