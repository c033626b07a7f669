package dev.tide.keda.api.validation;

import dev.tide.keda.api.Annotations;
import dev.tide.keda.api.KedaApi;
import dev.tide.keda.api.ScaleTarget;
import dev.tide.keda.api.ScaleTrigger;
import dev.tide.keda.api.ScaledObject;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * KEDA's rules that look at other objects in the ScaledObject's namespace ({@code verifyHpas},
 * {@code verifyScaledObjects}, {@code verifyCPUMemoryScalers}), with KEDA's messages. Workload types are compared as
 * KEDA prints them, {@code apps/v1.Deployment}, with an empty apiVersion or kind meaning {@code apps/v1} and
 * {@code Deployment}.
 */
final class ClusterRules {

    /** KEDA's {@code ValidationsHpaOwnershipAnnotation}: "false" on an HPA lets a ScaledObject share its workload. */
    static final String HPA_OWNERSHIP_VALIDATION = "validations.keda.sh/hpa-ownership";

    private static final Comparator<ScaledObject> CREATION_ORDER = Comparator
            .comparing((ScaledObject so) -> created(so).orElse(Instant.MAX))
            .thenComparing(so -> so.getMetadata().getName());

    private ClusterRules() {
    }

    static void check(ScaledObject scaledObject, Occasion occasion, ClusterView cluster, Findings findings) {
        if (scaledObject.getSpec() == null || scaledObject.getSpec().scaleTargetRef() == null
                || scaledObject.getSpec().scaleTargetRef().name() == null) {
            return;
        }
        // Read once: the reconcile-time tie-break between two ScaledObjects and the HPA rule both look at them.
        List<HorizontalPodAutoscaler> hpas = cluster.horizontalPodAutoscalers(scaledObject.getMetadata().getNamespace());
        // As in KEDA, where the first failing rule answers: the HPA of a ScaledObject already found is not reported again.
        if (!otherScaledObjects(scaledObject, occasion, cluster, hpas, findings)) {
            otherHpas(scaledObject, occasion, hpas, findings);
        }
        if (occasion != Occasion.ADMISSION_DRY_RUN) {
            cpuMemory(scaledObject, occasion, cluster, findings);
        }
    }

    /** KEDA's {@code verifyScaledObjects}: one ScaledObject per workload, one per HPA name. True when one was found. */
    private static boolean otherScaledObjects(ScaledObject incoming, Occasion occasion, ClusterView cluster,
            List<HorizontalPodAutoscaler> hpas, Findings findings) {
        String namespace = incoming.getMetadata().getNamespace();
        ScaleTarget target = incoming.getSpec().scaleTargetRef();
        String hpaName = KedaApi.hpaName(incoming);
        List<ScaledObject> others = cluster.scaledObjects(namespace).stream()
                .filter(other -> other.getSpec() != null && !Objects.equals(other.getMetadata().getName(), incoming.getMetadata().getName()))
                .filter(other -> occasion != Occasion.RECONCILE || holdsFirst(other, incoming, hpas))
                .sorted(CREATION_ORDER)
                .toList();
        for (ScaledObject other : others) {
            ScaleTarget otherTarget = other.getSpec().scaleTargetRef();
            if (otherTarget != null && target.name().equals(otherTarget.name()) && gvk(otherTarget).equals(gvk(target))) {
                findings.error(Finding.keda("spec.scaleTargetRef", "other-scaled-object",
                        "the workload '%s' of type '%s' is already managed by the ScaledObject '%s'"
                                .formatted(target.name(), gvk(target), other.getMetadata().getName())));
                return true;
            }
        }
        for (ScaledObject other : others) {
            if (hpaName.equals(KedaApi.hpaName(other))) {
                findings.error(Finding.keda("spec.advanced.horizontalPodAutoscalerConfig.name", "other-scaled-object-hpa",
                        "the HPA '%s' is already managed by the ScaledObject '%s'".formatted(hpaName, other.getMetadata().getName())));
                return true;
            }
        }
        return false;
    }

    /**
     * At reconcile, which of two ScaledObjects that claim one workload keeps it: the one created first; within the same
     * second (creation times have no finer grain), the one whose HPA already exists, else the first by name. Both
     * sides of a conflict decide alike, so exactly one of them is refused.
     */
    private static boolean holdsFirst(ScaledObject other, ScaledObject incoming, List<HorizontalPodAutoscaler> hpas) {
        Instant otherCreated = created(other).orElse(Instant.MAX);
        Instant incomingCreated = created(incoming).orElse(Instant.MAX);
        if (!otherCreated.equals(incomingCreated)) {
            return otherCreated.isBefore(incomingCreated);
        }
        boolean otherHolds = ownsHpa(other, hpas);
        boolean incomingHolds = ownsHpa(incoming, hpas);
        if (otherHolds != incomingHolds) {
            return otherHolds;
        }
        return other.getMetadata().getName().compareTo(incoming.getMetadata().getName()) < 0;
    }

    private static boolean ownsHpa(ScaledObject scaledObject, List<HorizontalPodAutoscaler> hpas) {
        String name = KedaApi.hpaName(scaledObject);
        return hpas.stream().anyMatch(hpa -> name.equals(hpa.getMetadata().getName()) && ownedBy(hpa, scaledObject));
    }

    /**
     * KEDA's {@code verifyHpas}. At reconcile, an HPA with this ScaledObject's own HPA name is not another's: the
     * reconciler adopts it, as KEDA's does (KEDA left it behind, or the owner reference was lost).
     */
    private static void otherHpas(ScaledObject incoming, Occasion occasion, List<HorizontalPodAutoscaler> hpas, Findings findings) {
        ScaleTarget target = incoming.getSpec().scaleTargetRef();
        String ownName = KedaApi.hpaName(incoming);
        for (HorizontalPodAutoscaler hpa : hpas) {
            CrossVersionObjectReference ref = hpa.getSpec() == null ? null : hpa.getSpec().getScaleTargetRef();
            if (ref == null || "false".equals(Annotations.value(hpa, HPA_OWNERSHIP_VALIDATION))
                    || occasion == Occasion.RECONCILE && ownName.equals(hpa.getMetadata().getName())
                    || !target.name().equals(ref.getName()) || !gvk(ref.getApiVersion(), ref.getKind()).equals(gvk(target))
                    || ownedBy(hpa, incoming)) {
                continue;
            }
            String hpaName = hpa.getMetadata().getName();
            if (!"true".equals(Annotations.value(incoming, KedaApi.TRANSFER_HPA_OWNERSHIP))) {
                findings.error(Finding.keda("spec.scaleTargetRef", "other-hpa", "the workload '%s' of type '%s' is already managed by the hpa '%s'"
                        .formatted(target.name(), gvk(target), hpaName)));
                return;
            }
            if (!hpaName.equals(customHpaName(incoming))) {
                findings.error(Finding.keda("spec.advanced.horizontalPodAutoscalerConfig.name", "transfer-ownership-missing-hpa-name",
                        "the existing hpa '%s' for workload '%s' of type '%s' must be specified by name in advanced settings to enable ownership transfer"
                                .formatted(hpaName, target.name(), gvk(target))));
                return;
            }
        }
    }

    /**
     * KEDA's {@code verifyCPUMemoryScalers}: every (selected) container of a Deployment or StatefulSet needs a request
     * or limit for the resource a cpu/memory trigger scales on, or a LimitRange default; and such triggers alone
     * cannot scale to zero.
     */
    private static void cpuMemory(ScaledObject incoming, Occasion occasion, ClusterView cluster, Findings findings) {
        List<ScaleTrigger> triggers = incoming.getSpec().triggers();
        if (triggers.stream().noneMatch(ScaledObjectRules::cpuOrMemory)) {
            return;
        }
        ScaleTarget target = incoming.getSpec().scaleTargetRef();
        String kind = target.kindOrDefault();
        if (!ScaleTarget.DEFAULT_API_VERSION.equals(target.apiVersionOrDefault()) || !kind.equals("Deployment") && !kind.equals("StatefulSet")) {
            return;
        }
        String namespace = incoming.getMetadata().getNamespace();
        ClusterView.Workload workload = cluster.workload(namespace, kind, target.name());
        if (workload.missing() != null && occasion != Occasion.RECONCILE) {
            findings.error(Finding.keda("spec.scaleTargetRef", "", workload.missing()));
            return;
        }
        if (workload.podSpec() != null) {
            List<LimitRange> limitRanges = null;
            for (ScaleTrigger trigger : triggers) {
                if (!ScaledObjectRules.cpuOrMemory(trigger)) {
                    continue;
                }
                String containerName = trigger.metadata().getOrDefault("containerName", "");
                for (Container container : workload.podSpec().getContainers()) {
                    if (!containerName.isEmpty() && !containerName.equals(container.getName())
                            || resourceSet(container.getResources(), trigger.type())) {
                        continue;
                    }
                    if (limitRanges == null) {
                        limitRanges = cluster.limitRanges(namespace);
                    }
                    if (!limitRangeDefault(limitRanges, trigger.type())) {
                        findings.error(Finding.keda("spec.triggers", "missing-requests",
                                "the scaledobject has a %s trigger but the container %s doesn't have the %s request defined"
                                        .formatted(trigger.type(), container.getName(), trigger.type())));
                        return;
                    }
                }
            }
        }
        Integer min = incoming.getSpec().minReplicaCount();
        if (triggers.stream().allMatch(ScaledObjectRules::cpuOrMemory) && (min == null || min == 0)) {
            findings.error(Finding.keda("spec.minReplicaCount", "scale-to-zero-requirements-not-met",
                    "scaledobject has only cpu/memory triggers AND minReplica is 0 (scale to zero doesn't work in this case)"));
        }
    }

    private static boolean resourceSet(ResourceRequirements resources, String resource) {
        return resources != null && (positive(resources.getRequests(), resource) || positive(resources.getLimits(), resource));
    }

    private static boolean limitRangeDefault(List<LimitRange> limitRanges, String resource) {
        return limitRanges.stream()
                .filter(range -> range.getSpec() != null && range.getSpec().getLimits() != null)
                .flatMap(range -> range.getSpec().getLimits().stream())
                .filter((LimitRangeItem item) -> "Container".equals(item.getType()))
                .anyMatch(item -> positive(item.getDefaultRequest(), resource) || positive(item.getDefault(), resource));
    }

    private static boolean positive(Map<String, Quantity> quantities, String resource) {
        Quantity quantity = quantities == null ? null : quantities.get(resource);
        if (quantity == null) {
            return false;
        }
        try {
            return quantity.getNumericalAmount().signum() > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean ownedBy(HorizontalPodAutoscaler hpa, ScaledObject scaledObject) {
        List<OwnerReference> owners = hpa.getMetadata().getOwnerReferences();
        return owners != null && owners.stream().anyMatch(owner -> KedaApi.SCALED_OBJECT_KIND.equals(owner.getKind())
                && Objects.equals(owner.getName(), scaledObject.getMetadata().getName()));
    }

    private static String customHpaName(ScaledObject scaledObject) {
        var advanced = scaledObject.getSpec().advanced();
        return advanced == null || advanced.horizontalPodAutoscalerConfig() == null ? null : advanced.horizontalPodAutoscalerConfig().name();
    }

    /** KEDA's {@code GVKString}, e.g. {@code apps/v1.Deployment}. */
    static String gvk(ScaleTarget target) {
        return gvk(target.apiVersion(), target.kind());
    }

    private static String gvk(String apiVersion, String kind) {
        String version = apiVersion == null || apiVersion.isBlank() ? ScaleTarget.DEFAULT_API_VERSION : apiVersion;
        return version + "." + (kind == null || kind.isBlank() ? ScaleTarget.DEFAULT_KIND : kind);
    }

    private static Optional<Instant> created(ScaledObject scaledObject) {
        String timestamp = scaledObject.getMetadata().getCreationTimestamp();
        try {
            return timestamp == null ? Optional.empty() : Optional.of(Instant.parse(timestamp));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
