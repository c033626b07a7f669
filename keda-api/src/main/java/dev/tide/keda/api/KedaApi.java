package dev.tide.keda.api;

import java.util.List;

/**
 * KEDA's names, spelled here and nowhere else: group, version, finalizer, annotations, labels, the HPA's name and the
 * CRD files. An architecture test fails when another module spells one of them.
 */
public final class KedaApi {

    public static final String GROUP = "keda.sh";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;

    /** The finalizer KEDA puts on ScaledObjects, ScaledJobs and trigger authentications. */
    public static final String FINALIZER = "finalizer.keda.sh";

    public static final String PAUSED = "autoscaling.keda.sh/paused";
    public static final String PAUSED_REPLICAS = "autoscaling.keda.sh/paused-replicas";
    public static final String PAUSED_SCALE_IN = "autoscaling.keda.sh/paused-scale-in";
    public static final String PAUSED_SCALE_OUT = "autoscaling.keda.sh/paused-scale-out";
    public static final String FORCE_ACTIVATION = "autoscaling.keda.sh/force-activation";
    public static final String TRANSFER_HPA_OWNERSHIP = "scaledobject.keda.sh/transfer-hpa-ownership";
    public static final String HPA_EXCLUDED_LABELS = "scaledobject.keda.sh/hpa-excluded-labels";

    /** Label on the ScaledObject and the selector of every External metric of its HPA. */
    public static final String SCALED_OBJECT_NAME_LABEL = "scaledobject.keda.sh/name";

    /**
     * KEDA's {@code CompositeMetricName}: the one External metric of a ScaledObject with {@code scalingModifiers}, and
     * its {@code status.compositeScalerName}.
     */
    public static final String COMPOSITE_METRIC_NAME = "composite-metric";

    /** The HPA of a ScaledObject is {@code keda-hpa-<name>} unless {@code horizontalPodAutoscalerConfig.name} says otherwise. */
    public static final String HPA_NAME_PREFIX = "keda-hpa-";
    public static final String LABEL_NAME = "app.kubernetes.io/name";
    public static final String LABEL_VERSION = "app.kubernetes.io/version";
    public static final String LABEL_PART_OF = "app.kubernetes.io/part-of";
    public static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
    /** KEDA's value of {@link #LABEL_MANAGED_BY}, kept so that selectors and dashboards written for KEDA's HPAs match. */
    public static final String MANAGED_BY = "keda-operator";

    public static final String SCALED_OBJECT_KIND = "ScaledObject";
    public static final String SCALED_JOB_KIND = "ScaledJob";
    /** Label on every Job a ScaledJob creates (and on its pod template): how the ScaledJob finds its Jobs. */
    public static final String SCALED_JOB_NAME_LABEL = "scaledjob.keda.sh/name";
    /** Annotation on a created Job: the ScaledJob's generation it was created from (for the rollout). */
    public static final String SCALED_JOB_GENERATION_ANNOTATION = "scaledjob.keda.sh/generation";
    /** ScaledJob annotation: its labels, comma-separated, that its Jobs do not get. */
    public static final String JOB_EXCLUDED_LABELS = "scaledjob.keda.sh/job-excluded-labels";
    /** The CRD files generated from the model, as the chart ships them in {@code helm/tide/files/crds/}. */
    public static final List<String> CRD_FILES = List.of("clustertriggerauthentications.keda.sh-v1.yml",
            "scaledjobs.keda.sh-v1.yml", "scaledobjects.keda.sh-v1.yml", "triggerauthentications.keda.sh-v1.yml");

    /** {@code advanced.horizontalPodAutoscalerConfig.name}, else {@code keda-hpa-<name>}. */
    public static String hpaName(ScaledObject scaledObject) {
        Advanced advanced = scaledObject.getSpec() == null ? null : scaledObject.getSpec().advanced();
        if (advanced != null && advanced.horizontalPodAutoscalerConfig() != null) {
            String name = advanced.horizontalPodAutoscalerConfig().name();
            if (name != null && !name.isBlank()) {
                return name;
            }
        }
        return HPA_NAME_PREFIX + scaledObject.getMetadata().getName();
    }

    private KedaApi() {
    }
}
