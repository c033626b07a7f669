package dev.tide.keda.api;

/**
 * KEDA's Kubernetes event reasons ({@code pkg/eventreason/eventreason.go}) with the event type KEDA records each
 * with; dashboards and alerts written for KEDA match on them.
 */
public enum EventReason {

    SCALED_OBJECT_READY("ScaledObjectReady", Type.NORMAL),
    SCALED_OBJECT_CHECK_FAILED("ScaledObjectCheckFailed", Type.WARNING),
    SCALED_OBJECT_DELETED("ScaledObjectDeleted", Type.WARNING),
    SCALED_OBJECT_PAUSED("ScaledObjectPaused", Type.NORMAL),
    SCALED_OBJECT_UNPAUSED("ScaledObjectUnpaused", Type.NORMAL),
    SCALERS_STARTED("KEDAScalersStarted", Type.NORMAL),
    SCALERS_STOPPED("KEDAScalersStopped", Type.NORMAL),
    SCALER_FAILED("KEDAScalerFailed", Type.WARNING),
    SCALE_TARGET_ACTIVATED("KEDAScaleTargetActivated", Type.NORMAL),
    SCALE_TARGET_DEACTIVATED("KEDAScaleTargetDeactivated", Type.NORMAL),
    SCALE_TARGET_ACTIVATION_FAILED("KEDAScaleTargetActivationFailed", Type.WARNING),
    SCALE_TARGET_DEACTIVATION_FAILED("KEDAScaleTargetDeactivationFailed", Type.WARNING),
    FALLBACK_ACTIVATED("ScaledObjectFallbackActivated", Type.WARNING),
    FALLBACK_DEACTIVATED("ScaledObjectFallbackDeactivated", Type.NORMAL),
    SCALED_JOB_READY("ScaledJobReady", Type.NORMAL),
    SCALED_JOB_CHECK_FAILED("ScaledJobCheckFailed", Type.WARNING),
    SCALED_JOB_DELETED("ScaledJobDeleted", Type.WARNING),
    SCALED_JOB_PAUSED("ScaledJobPaused", Type.NORMAL),
    SCALED_JOB_UNPAUSED("ScaledJobUnpaused", Type.NORMAL),
    SCALED_JOB_ACTIVE("ScaledJobActive", Type.NORMAL),
    SCALED_JOB_INACTIVE("ScaledJobInactive", Type.NORMAL),
    JOBS_CREATED("KEDAJobsCreated", Type.NORMAL),
    JOB_CREATE_FAILED("KEDAJobCreateFailed", Type.WARNING),
    ROLLOUT_CLEANUP_STARTED("ScaledJobRolloutCleanupStarted", Type.NORMAL),
    ROLLOUT_CLEANUP_COMPLETED("ScaledJobRolloutCleanupCompleted", Type.NORMAL),
    ROLLOUT_CLEANUP_FAILED("ScaledJobRolloutCleanupFailed", Type.WARNING);

    /** core/v1 Event types. */
    public enum Type {
        NORMAL("Normal"), WARNING("Warning");

        private final String value;

        Type(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    private final String reason;
    private final Type type;

    EventReason(String reason, Type type) {
        this.reason = reason;
        this.type = type;
    }

    /** The reason as written in the Event. */
    public String reason() {
        return reason;
    }

    public Type type() {
        return type;
    }
}
