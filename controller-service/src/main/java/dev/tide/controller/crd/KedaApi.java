package dev.tide.controller.crd;

/** Names of KEDA's API that appear in more than one place: group, version, annotations and labels. */
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

    private KedaApi() {
    }
}
