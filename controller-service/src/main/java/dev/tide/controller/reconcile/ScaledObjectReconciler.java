package dev.tide.controller.reconcile;

import dev.tide.controller.hpa.HpaBuilder;
import dev.tide.controller.hpa.HpaSync;
import dev.tide.controller.hpa.ResourceMetrics;
import dev.tide.controller.kube.EventRecorder;
import dev.tide.controller.kube.ObjectKey;
import dev.tide.controller.kube.ScaleClient;
import dev.tide.controller.kube.StatusWriter;
import dev.tide.controller.kube.TriggerAuthenticationUsers;
import dev.tide.controller.scaling.ScaleLoops;
import dev.tide.controller.sources.ScalerCache;
import dev.tide.keda.api.Annotations;
import dev.tide.keda.api.CheckFailedException;
import dev.tide.keda.api.CompositeFormula;
import dev.tide.keda.api.EventReason;
import dev.tide.keda.api.KedaApi;
import dev.tide.keda.api.KedaCondition;
import dev.tide.keda.api.ScaleTrigger;
import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.ScaledObjectSpec;
import dev.tide.keda.api.ScaledObjectStatus;
import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.TriggerConfig;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a ScaledObject in KEDA's order ({@code scaledobject_controller.go}): deletion or finalizer, initial
 * conditions, pause handling, the scale target, replica bounds, triggers and their scalers, the HPA, and status.
 * Scale loops are not started here: a successful reconcile registers the ScaledObject with them.
 *
 * <p>The finalizer is KEDA's own {@code finalizer.keda.sh}, so that ScaledObjects left behind by KEDA are finalized
 * by Tide. The Java Operator SDK only accepts qualified finalizer names ({@code domain/name}), so the controller runs
 * in the SDK's all-events mode and adds and removes the finalizer itself.
 */
@ControllerConfiguration(name = ScaledObjectReconciler.NAME)
class ScaledObjectReconciler implements Reconciler<ScaledObject> {

    static final String NAME = "scaledobject";
    private static final Logger log = LoggerFactory.getLogger(ScaledObjectReconciler.class);

    /** The clients a reconcile reads and writes through, one per resource, and the scale loops it hands over to. */
    record Collaborators(KubernetesClient client, ScaleClient scaleClient, StatusWriter statusWriter, EventRecorder events,
            HpaSync hpas, TriggerAuthenticationUsers authenticationUsers, ScaleLoops loops) {
    }

    private final KubernetesClient client;
    private final ScaleClient scaleClient;
    private final StatusWriter statusWriter;
    private final EventRecorder events;
    private final HpaSync hpas;
    private final TriggerAuthenticationUsers authenticationUsers;
    private final ScaleLoops loops;
    private final TriggerConfigs triggers;
    private final SpecChecks specChecks;
    private final ScalerCache scalers;
    private final String operatorVersion;
    private final Finalization finalization;

    ScaledObjectReconciler(Collaborators collaborators, SpecChecks specChecks, TriggerConfigs triggers, ScalerCache scalers,
            String operatorVersion) {
        this.client = collaborators.client();
        this.scaleClient = collaborators.scaleClient();
        this.statusWriter = collaborators.statusWriter();
        this.events = collaborators.events();
        this.hpas = collaborators.hpas();
        this.authenticationUsers = collaborators.authenticationUsers();
        this.loops = collaborators.loops();
        this.triggers = triggers;
        this.specChecks = specChecks;
        this.scalers = scalers;
        this.operatorVersion = operatorVersion;
        this.finalization = new Finalization(collaborators, scalers);
    }

    /** A check failed; the status already says why, and the SDK retries with backoff. */
    static final class ReconcileFailedException extends RuntimeException {
        ReconcileFailedException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Watches the HPAs this controller manages (KEDA's {@code Owns(&HPA)}), so that an HPA deleted or edited by
     * someone else is put back. HPA status updates, which the HPA controller writes every 15 seconds, are ignored.
     */
    @Override
    public List<EventSource<?, ScaledObject>> prepareEventSources(EventSourceContext<ScaledObject> context) {
        var configuration = InformerEventSourceConfiguration.from(HorizontalPodAutoscaler.class, ScaledObject.class)
                .withName("owned-hpas")
                .withNamespacesInheritedFromController()
                .withLabelSelector(KedaApi.LABEL_MANAGED_BY + "=" + KedaApi.MANAGED_BY)
                .withOnUpdateFilter((updated, previous) -> !Objects.equals(updated.getSpec(), previous.getSpec())
                        || !Objects.equals(updated.getMetadata().getLabels(), previous.getMetadata().getLabels())
                        || !Objects.equals(updated.getMetadata().getAnnotations(), previous.getMetadata().getAnnotations()))
                .build();
        var ownedHpas = new InformerEventSource<>(configuration, context);
        // The same informer answers the reconcile's reads of HPAs.
        hpas.readFrom(new OwnedHpas(ownedHpas));
        return List.of(ownedHpas);
    }

    @Override
    public UpdateControl<ScaledObject> reconcile(ScaledObject scaledObject, Context<ScaledObject> context) {
        ObjectKey key = ObjectKey.of(scaledObject);
        if (context.isPrimaryResourceDeleted()) {
            // Gone without our finalizer (or after it was removed): only our own state is left to drop.
            loops.unregister(key);
            scalers.remove(key);
            return UpdateControl.noUpdate();
        }
        if (scaledObject.isMarkedForDeletion()) {
            if (Finalization.hasFinalizer(scaledObject)) {
                finalization.finalizeScaledObject(scaledObject);
                finalization.editFinalizers(scaledObject, false);
            }
            return UpdateControl.noUpdate();
        }
        if (!Finalization.hasFinalizer(scaledObject)) {
            finalization.editFinalizers(scaledObject, true);
        }
        // Null when the server has no status yet: then the first write sets the whole status.
        ScaledObjectStatus before = scaledObject.getStatus() == null ? null : copy(scaledObject.getStatus());
        if (scaledObject.getStatus() == null) {
            scaledObject.setStatus(new ScaledObjectStatus());
        }
        ScaledObjectStatus status = scaledObject.getStatus();
        SecretValues secretValues = new SecretValues();
        LoopRegistration registration = null;
        boolean specValid = false;
        RuntimeException failure = null;
        try {
            Conditions.initialize(status);
            // Before anything acts: no API path, scaler or loop is ever built from a value that fails the checks.
            specChecks.check(scaledObject, namespace -> context.getPrimaryCache().list(namespace).toList());
            specValid = true;
            if (Annotations.fullyPaused(scaledObject)) {
                pause(scaledObject, status);
            } else {
                registration = reconcileActive(scaledObject, status, secretValues);
            }
        } catch (CheckFailedException | KubernetesClientException e) {
            failure = e;
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            log.warn("Reconciling ScaledObject {} failed unexpectedly; it is retried with backoff ({})", key,
                    e.getClass().getName());
            failure = new UnexpectedFailure(e);
        }
        if (failure != null) {
            RuntimeException e = failure;
            String message = secretValues.scrub(e instanceof KubernetesClientException ? apiError(e) : e.getMessage());
            String previous = before == null ? ""
                    : before.condition(KedaCondition.Type.READY.value()).map(c -> c.message()).orElse("");
            Conditions.checkFailed(status, message);
            writeStatus(scaledObject, before);
            if (!specValid) {
                // Nothing may act on a spec that fails its checks, the loop of an earlier version included.
                loops.unregister(key);
                scalers.remove(key);
            } else if (scalers.get(key).isEmpty()) {
                // The scalers are gone (closed): their loop cannot run.
                loops.unregister(key);
            }
            if (!message.equals(previous)) {
                events.record(scaledObject, EventReason.SCALED_OBJECT_CHECK_FAILED, message);
            }
            // The SDK logs this failure (the scrubbed message, no stack trace) and retries with backoff.
            throw new ReconcileFailedException(message);
        }
        writeStatus(scaledObject, before);
        if (registration != null) {
            // After the status write, so the loop starts from the status as it now is on the server.
            loops.register(scaledObject, registration.target(), registration.scalers());
        }
        return UpdateControl.noUpdate();
    }

    /**
     * A failure nobody planned for (a bug, a malformed value, a linkage error from a library): it marks this
     * ScaledObject and is retried with backoff, like a check failure, and never reaches another object.
     */
    static final class UnexpectedFailure extends RuntimeException {
        UnexpectedFailure(Throwable cause) {
            super("the reconcile failed unexpectedly (" + cause.getClass().getSimpleName() + "); it is retried with backoff",
                    cause, false, false);
        }
    }

    /** What a reconcile hands to the scale loops. */
    private record LoopRegistration(ScaleClient.Target target, ScalerCache.Entry scalers) {
    }

    /** Writes the whole status, only when it changed. */
    private void writeStatus(ScaledObject scaledObject, ScaledObjectStatus before) {
        ScaledObjectStatus status = scaledObject.getStatus();
        if (!status.equals(before)) {
            statusWriter.replace(scaledObject, status);
        }
    }

    private LoopRegistration reconcileActive(ScaledObject scaledObject, ScaledObjectStatus status, SecretValues secretValues) {
        String namespace = scaledObject.getMetadata().getNamespace();
        String name = scaledObject.getMetadata().getName();
        ObjectKey key = ObjectKey.of(scaledObject);
        ScaledObjectSpec spec = scaledObject.getSpec();
        updatePauseConditions(scaledObject, status);

        ensureNameLabel(scaledObject);

        ScaleClient.Observed target = observeTarget(scaledObject, status);

        status.setTriggersTypes(String.join(",", new LinkedHashSet<>(spec.triggers().stream().map(ScaleTrigger::type).toList())));
        String authentications = String.join(",", new LinkedHashSet<>(spec.triggers().stream()
                .filter(t -> t.authenticationRef() != null)
                .map(t -> t.authenticationRef().name())
                .toList()));
        status.setAuthenticationsTypes(authentications.isEmpty() ? null : authentications);

        List<TriggerConfig> configs = triggers.build(scaledObject, target, secretValues);
        boolean rebuild = !scalers.isCurrent(key, configs);
        ScalerCache.Entry entry;
        try {
            entry = scalers.scalers(key, generation(scaledObject), configs);
        } catch (ScalerCache.BuildFailedException e) {
            String message = secretValues.scrub(e.getMessage());
            events.record(scaledObject, EventReason.SCALER_FAILED, message);
            throw new CheckFailedException(CheckFailedException.HPA, message);
        }
        if (rebuild) {
            entry.configs().stream().map(TriggerConfig::type).distinct()
                    .forEach(type -> events.record(scaledObject, EventReason.SCALERS_STARTED, "Scaler " + type + " is built."));
        }

        List<MetricSpec> metricSpecs = entry.metricSpecs();
        var desired = HpaBuilder.build(scaledObject, target.target().gvkr(), metricSpecs, operatorVersion);
        HpaSync.Outcome outcome;
        try {
            outcome = hpas.ensure(scaledObject, desired, status.getHpaName());
        } catch (KubernetesClientException e) {
            throw new CheckFailedException(CheckFailedException.HPA, apiError(e));
        }
        if (outcome != HpaSync.Outcome.UNCHANGED) {
            log.info("{} HPA {}/{} for ScaledObject {}", outcome.name().toLowerCase(Locale.ROOT),
                    namespace, desired.getMetadata().getName(), name);
        }
        status.setHpaName(desired.getMetadata().getName());
        status.setExternalMetricNames(metricSpecs.stream().map(MetricSpec::metricName).toList());
        List<String> resourceMetricNames = ResourceMetrics.names(spec);
        status.setResourceMetricNames(resourceMetricNames.isEmpty() ? null : resourceMetricNames);
        // KEDA sets the name once the HPA carries the composite metric; Tide also clears it when it no longer does.
        status.setCompositeScalerName(CompositeFormula.targetMillis(spec) > 0 && spec.usesScalingModifiers()
                ? KedaApi.COMPOSITE_METRIC_NAME : null);
        pruneHealth(status, spec, metricSpecs);

        boolean wasReady = Conditions.isTrue(status, KedaCondition.Type.READY);
        Conditions.ready(status);
        if (spec.fallback() == null) {
            Conditions.noFallback(status);
        }
        if (!wasReady) {
            events.record(scaledObject, EventReason.SCALED_OBJECT_READY, "ScaledObject is ready for scaling");
        }
        authenticationUsers.register(scaledObject);
        return new LoopRegistration(target.target(), entry);
    }

    /** {@code status.health} keeps only the metrics the ScaledObject has now, and only while a fallback needs it. */
    private static void pruneHealth(ScaledObjectStatus status, ScaledObjectSpec spec, List<MetricSpec> metricSpecs) {
        if (status.getHealth() == null) {
            return;
        }
        if (spec.fallback() == null) {
            status.setHealth(null);
            return;
        }
        var names = metricSpecs.stream().map(MetricSpec::metricName).collect(Collectors.toSet());
        var kept = new TreeMap<>(status.getHealth());
        kept.keySet().retainAll(names);
        status.setHealth(kept.isEmpty() ? null : kept);
    }

    /** paused / paused-replicas: no HPA, no scalers, the target pinned to the paused count if one is given. */
    private void pause(ScaledObject scaledObject, ScaledObjectStatus status) {
        boolean wasPaused = Conditions.isTrue(status, KedaCondition.Type.PAUSED);
        Optional<Integer> pausedReplicas = Annotations.pausedReplicas(scaledObject);
        Conditions.paused(status);
        // KEDA reports a paused ScaledObject as Ready: it is defined correctly, only not scaled.
        Conditions.ready(status);
        ObjectKey key = ObjectKey.of(scaledObject);
        loops.paused(key);
        if (scalers.remove(key)) {
            events.record(scaledObject, EventReason.SCALERS_STOPPED, "Stopped scalers watch");
        }
        String hpaName = status.getHpaName() != null ? status.getHpaName() : KedaApi.hpaName(scaledObject);
        hpas.deleteIfOwned(scaledObject, hpaName);
        status.setHpaName(null);
        if (pausedReplicas.isPresent()) {
            ScaleClient.Observed target = observeTarget(scaledObject, status);
            if (target.replicas() != pausedReplicas.get()) {
                scaleClient.scale(target.target(), pausedReplicas.get());
            }
        }
        status.setPausedReplicaCount(pausedReplicas.orElse(null));
        if (!wasPaused) {
            events.record(scaledObject, EventReason.SCALED_OBJECT_PAUSED, "ScaledObject was paused");
        }
    }

    /** paused-scale-in/out keep the HPA but count as paused; removing every pause annotation unpauses. */
    private void updatePauseConditions(ScaledObject scaledObject, ScaledObjectStatus status) {
        boolean wasPaused = Conditions.isTrue(status, KedaCondition.Type.PAUSED);
        if (Annotations.anyPause(scaledObject)) {
            Conditions.paused(status);
            if (!wasPaused) {
                events.record(scaledObject, EventReason.SCALED_OBJECT_PAUSED, "ScaledObject was paused");
            }
        } else if (wasPaused) {
            Conditions.unpaused(status);
            status.setPausedReplicaCount(null);
            events.record(scaledObject, EventReason.SCALED_OBJECT_UNPAUSED, "ScaledObject was unpaused");
        }
    }

    private ScaleClient.Observed observeTarget(ScaledObject scaledObject, ScaledObjectStatus status) {
        var spec = scaledObject.getSpec();
        if (spec == null || spec.scaleTargetRef() == null || spec.scaleTargetRef().name() == null) {
            throw new CheckFailedException(CheckFailedException.TARGET_NOT_SET, "spec.scaleTargetRef.name is empty");
        }
        ScaleClient.Target target = scaleClient.resolve(spec.scaleTargetRef(), scaledObject.getMetadata().getNamespace());
        ScaleClient.Observed observed = scaleClient.observe(target);
        status.setScaleTargetKind(target.gvkr().gvkString());
        status.setScaleTargetGVKR(target.gvkr());
        if (status.getOriginalReplicaCount() == null) {
            status.setOriginalReplicaCount(observed.replicas());
        }
        return observed;
    }

    /** The label {@code scaledobject.keda.sh/name=<name>} on the ScaledObject, added with a merge patch when missing. */
    private void ensureNameLabel(ScaledObject scaledObject) {
        String name = scaledObject.getMetadata().getName();
        Map<String, String> labels = scaledObject.getMetadata().getLabels();
        if (labels != null && name.equals(labels.get(KedaApi.SCALED_OBJECT_NAME_LABEL))) {
            return;
        }
        String patch = "{\"metadata\":{\"labels\":{\"" + KedaApi.SCALED_OBJECT_NAME_LABEL + "\":\"" + name + "\"}}}";
        client.resources(ScaledObject.class).inNamespace(scaledObject.getMetadata().getNamespace()).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        // The HPA copies the ScaledObject's labels; this copy (the SDK hands out a clone) must carry the new one too.
        Map<String, String> updated = new LinkedHashMap<>(labels == null ? Map.of() : labels);
        updated.put(KedaApi.SCALED_OBJECT_NAME_LABEL, name);
        scaledObject.getMetadata().setLabels(updated);
    }

    private ScaledObjectStatus copy(ScaledObjectStatus status) {
        var serialization = client.getKubernetesSerialization();
        return serialization.unmarshal(serialization.asJson(status), ScaledObjectStatus.class);
    }

    private static long generation(ScaledObject scaledObject) {
        Long generation = scaledObject.getMetadata().getGeneration();
        return generation == null ? 0 : generation;
    }

    /** An API error as a condition message: status code and the server's reason, which holds no Secret value. */
    private static String apiError(Exception e) {
        if (e instanceof KubernetesClientException k && k.getStatus() != null) {
            return "the API server answered " + k.getCode() + " " + k.getStatus().getReason() + ": " + k.getStatus().getMessage();
        }
        return "the API server could not be reached (" + e.getClass().getSimpleName() + ")";
    }
}
