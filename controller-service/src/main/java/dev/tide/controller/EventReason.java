package dev.tide.controller;

/** KEDA's Kubernetes event reasons ({@code pkg/eventreason/eventreason.go}); dashboards and alerts match on them. */
final class EventReason {

    static final String SCALED_OBJECT_READY = "ScaledObjectReady";
    static final String SCALED_OBJECT_CHECK_FAILED = "ScaledObjectCheckFailed";
    static final String SCALED_OBJECT_UPDATE_FAILED = "ScaledObjectUpdateFailed";
    static final String SCALED_OBJECT_DELETED = "ScaledObjectDeleted";
    static final String SCALED_OBJECT_PAUSED = "ScaledObjectPaused";
    static final String SCALED_OBJECT_UNPAUSED = "ScaledObjectUnpaused";
    static final String SCALERS_STARTED = "KEDAScalersStarted";
    static final String SCALERS_STOPPED = "KEDAScalersStopped";
    static final String SCALER_FAILED = "KEDAScalerFailed";

    static final String NORMAL = "Normal";
    static final String WARNING = "Warning";

    private EventReason() {
    }
}
