package dev.tide.controller.reconcile;

import dev.tide.controller.jobs.JobLoops;
import dev.tide.controller.jobs.JobScalers;
import dev.tide.controller.kube.EventRecorder;
import dev.tide.controller.kube.JobAccess;
import dev.tide.controller.kube.ObjectKey;
import dev.tide.controller.kube.StatusWriter;
import dev.tide.controller.kube.TriggerAuthenticationUsers;
import dev.tide.controller.sources.ScalerCache;
import dev.tide.keda.api.Annotations;
import dev.tide.keda.api.Condition;
import dev.tide.keda.api.EventReason;
import dev.tide.keda.api.KedaApi;
import dev.tide.keda.api.KedaCondition;
import dev.tide.keda.api.KedaJobCondition;
import dev.tide.keda.api.ScaleTrigger;
import dev.tide.keda.api.ScaledJob;
import dev.tide.keda.api.ScaledJobSpec;
import dev.tide.keda.api.ScaledJobStatus;
import dev.tide.keda.api.validation.Finding;
import dev.tide.keda.api.validation.KedaValidator;
import dev.tide.keda.api.validation.Verdict;
import dev.tide.scaler.api.TriggerConfig;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a ScaledJob in KEDA's order ({@code scaledjob_controller.go}): deletion or finalizer, initial
 * conditions, pause, the validator's checks, the trigger and authentication types, the rollout of a changed spec
 * (Jobs of an older generation deleted unless {@code gradual}), the scalers, and the job loop. Jobs are created by
 * the loop, never here.
 */
@ControllerConfiguration(name = ScaledJobReconciler.NAME)
class ScaledJobReconciler implements Reconciler<ScaledJob> {

    static final String NAME = "scaledjob";
    private static final Logger log = LoggerFactory.getLogger(ScaledJobReconciler.class);

    /** What a ScaledJob reconcile reads and writes through. */
    record Collaborators(KubernetesClient client, StatusWriter statusWriter, EventRecorder events, KedaValidator validator,
            TriggerConfigs triggers, JobScalers scalers, JobLoops loops, JobAccess jobs, TriggerAuthenticationUsers authenticationUsers) {
    }

    private final Collaborators c;

    ScaledJobReconciler(Collaborators collaborators) {
        this.c = collaborators;
    }

    @Override
    public UpdateControl<ScaledJob> reconcile(ScaledJob scaledJob, Context<ScaledJob> context) {
        ObjectKey key = ObjectKey.of(scaledJob);
        if (context.isPrimaryResourceDeleted()) {
            stop(key);
            return UpdateControl.noUpdate();
        }
        if (scaledJob.isMarkedForDeletion()) {
            if (Finalization.hasFinalizer(scaledJob)) {
                stop(key);
                c.authenticationUsers().unregister(scaledJob);
                c.events().record(scaledJob, EventReason.SCALED_JOB_DELETED, "ScaledJob was deleted");
                Finalization.editFinalizers(c.client(), scaledJob, false);
            }
            return UpdateControl.noUpdate();
        }
        if (!Finalization.hasFinalizer(scaledJob)) {
            Finalization.editFinalizers(c.client(), scaledJob, true);
        }
        ScaledJobStatus before = scaledJob.getStatus() == null ? null : copy(scaledJob.getStatus());
        if (scaledJob.getStatus() == null) {
            scaledJob.setStatus(new ScaledJobStatus());
        }
        ScaledJobStatus status = scaledJob.getStatus();
        for (KedaCondition.Type type : KedaCondition.Type.values()) {
            if (status.condition(type.value()).isEmpty()) {
                status.setCondition(type.initial());
            }
        }
        SecretValues secretValues = new SecretValues();
        boolean register = false;
        try {
            if (pause(scaledJob, status)) {
                stop(key);
            } else {
                check(scaledJob);
                types(scaledJob.getSpec(), status);
                rollout(scaledJob);
                build(scaledJob, key, secretValues);
                boolean wasReady = status.condition(KedaCondition.Type.READY.value()).map(Condition::isTrue).orElse(false);
                status.setCondition(KedaJobCondition.RECONCILED.condition());
                if (!wasReady) {
                    c.events().record(scaledJob, EventReason.SCALED_JOB_READY, "ScaledJob is ready for scaling");
                }
                c.authenticationUsers().register(scaledJob);
                register = true;
            }
        } catch (ScaledJobCheckFailed | KubernetesClientException | ScalerCache.BuildFailedException e) {
            String message = secretValues.scrub(e instanceof KubernetesClientException k
                    ? "the API server answered " + k.getCode() + (k.getStatus() == null ? "" : " " + k.getStatus().getReason())
                    : e.getMessage());
            String previous = before == null ? "" : before.condition(KedaCondition.Type.READY.value()).map(Condition::message).orElse("");
            status.setCondition(KedaJobCondition.CHECK_FAILED.withMessage(message));
            status.setCondition(KedaJobCondition.UNKNOWN_STATE.condition());
            if (e instanceof ScaledJobCheckFailed) {
                // Nothing may act on a spec that fails its checks, the loop of an earlier version included.
                stop(key);
            }
            if (!message.equals(previous)) {
                c.events().record(scaledJob, EventReason.SCALED_JOB_CHECK_FAILED, message);
            }
            log.warn("ScaledJob {}: {}", key, message);
        }
        if (!status.equals(before)) {
            c.statusWriter().replace(scaledJob, status);
        }
        if (register) {
            // After the status write, so the loop starts from the status as it now is on the server.
            c.loops().register(scaledJob, c.scalers().cache().get(key).orElseThrow());
        }
        return UpdateControl.noUpdate();
    }

    /** A check the ScaledJob fails: Ready=False {@code ScaledJobCheckFailed} with this message. */
    static final class ScaledJobCheckFailed extends RuntimeException {
        ScaledJobCheckFailed(String message) {
            super(message, null, false, false);
        }
    }

    private void stop(ObjectKey key) {
        c.loops().unregister(key);
        c.scalers().cache().remove(key);
    }

    /** {@code autoscaling.keda.sh/paused}: the loop stops, Jobs run on; true when paused. */
    private boolean pause(ScaledJob scaledJob, ScaledJobStatus status) {
        boolean paused = Annotations.bool(scaledJob, KedaApi.PAUSED);
        boolean pausedInStatus = status.condition(KedaCondition.Type.PAUSED.value()).map(Condition::isTrue).orElse(false);
        if (paused) {
            if (!pausedInStatus) {
                status.setCondition(KedaJobCondition.PAUSED.condition());
                c.events().record(scaledJob, EventReason.SCALED_JOB_PAUSED, KedaJobCondition.PAUSED.condition().message());
            }
            status.setCondition(KedaJobCondition.PAUSED_READY.condition());
            return true;
        }
        if (pausedInStatus) {
            status.setCondition(KedaJobCondition.UNPAUSED.condition());
            c.events().record(scaledJob, EventReason.SCALED_JOB_UNPAUSED, KedaJobCondition.UNPAUSED.condition().message());
        }
        return false;
    }

    /** The webhook's validator, before anything acts: a ScaledJob that arrived past the webhook is refused here. */
    private void check(ScaledJob scaledJob) {
        Verdict verdict = c.validator().scaledJob(scaledJob);
        if (!verdict.errors().isEmpty()) {
            throw new ScaledJobCheckFailed(verdict.errors().stream().map(Finding::describe).collect(Collectors.joining("; ")));
        }
    }

    private static void types(ScaledJobSpec spec, ScaledJobStatus status) {
        status.setTriggersTypes(String.join(",", new LinkedHashSet<>(spec.triggers().stream().map(ScaleTrigger::type).toList())));
        String authentications = String.join(",", new LinkedHashSet<>(spec.triggers().stream()
                .filter(t -> t.authenticationRef() != null).map(t -> t.authenticationRef().name()).toList()));
        status.setAuthenticationsTypes(authentications.isEmpty() ? null : authentications);
    }

    /**
     * KEDA's {@code deletePreviousVersionScaleJobs}: unless the rollout is {@code gradual} (or the deprecated
     * {@code rolloutStrategy} says so), Jobs made from another generation of the ScaledJob are deleted.
     */
    private void rollout(ScaledJob scaledJob) {
        ScaledJobSpec spec = scaledJob.getSpec();
        ScaledJobSpec.Rollout.Strategy strategy = spec.rolloutStrategy() != null ? spec.rolloutStrategy()
                : spec.rollout() == null ? null : spec.rollout().strategy();
        if (strategy == ScaledJobSpec.Rollout.Strategy.GRADUAL) {
            return;
        }
        String namespace = scaledJob.getMetadata().getNamespace();
        String generation = Long.toString(scaledJob.getMetadata().getGeneration() == null ? 0 : scaledJob.getMetadata().getGeneration());
        List<Job> stale = c.jobs().jobs(namespace, scaledJob.getMetadata().getName()).stream()
                .filter(job -> job.getMetadata().getAnnotations() == null
                        || !generation.equals(job.getMetadata().getAnnotations().get(KedaApi.SCALED_JOB_GENERATION_ANNOTATION)))
                .toList();
        if (stale.isEmpty()) {
            return;
        }
        c.events().record(scaledJob, EventReason.ROLLOUT_CLEANUP_STARTED,
                "Deleting " + stale.size() + " jobs owned by the previous version of the scaledJob");
        DeletionPropagation propagation = spec.rollout() != null
                && spec.rollout().propagationPolicy() == ScaledJobSpec.Rollout.PropagationPolicy.FOREGROUND
                ? DeletionPropagation.FOREGROUND : DeletionPropagation.BACKGROUND;
        for (Job job : stale) {
            try {
                c.jobs().delete(job, propagation);
            } catch (KubernetesClientException e) {
                c.events().record(scaledJob, EventReason.ROLLOUT_CLEANUP_FAILED,
                        "Failed to delete job " + job.getMetadata().getName() + ": HTTP " + e.getCode());
                throw new ScaledJobCheckFailed("Not able to delete job: " + job.getMetadata().getName());
            }
        }
        c.events().record(scaledJob, EventReason.ROLLOUT_CLEANUP_COMPLETED,
                "Deleted " + stale.size() + " jobs owned by the previous version of the scaledJob");
    }

    /** The scalers, rebuilt only when a trigger's config changed. */
    private void build(ScaledJob scaledJob, ObjectKey key, SecretValues secretValues) {
        List<TriggerConfig> configs = c.triggers().build(scaledJob, secretValues);
        boolean rebuild = !c.scalers().cache().isCurrent(key, configs);
        ScalerCache.Entry entry = c.scalers().cache().scalers(key, scaledJob.getMetadata().getGeneration() == null ? 0
                : scaledJob.getMetadata().getGeneration(), configs);
        if (rebuild) {
            entry.configs().stream().map(TriggerConfig::type).distinct()
                    .forEach(type -> c.events().record(scaledJob, EventReason.SCALERS_STARTED, "Scaler " + type + " is built."));
        }
    }

    private ScaledJobStatus copy(ScaledJobStatus status) {
        var serialization = c.client().getKubernetesSerialization();
        return serialization.unmarshal(serialization.asJson(status), ScaledJobStatus.class);
    }
}
