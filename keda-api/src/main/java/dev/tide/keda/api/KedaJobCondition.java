package dev.tide.keda.api;

/**
 * Every condition KEDA sets on a ScaledJob ({@code scaledjob_controller.go}, {@code scale_jobs.go}), as type,
 * status, reason and (where KEDA's is fixed) message. The types are those of {@link KedaCondition.Type}; a
 * ScaledJob has no Fallback condition.
 */
public enum KedaJobCondition implements ConditionTemplate {

    /** Set by the job loop after a clean pass. */
    READY(KedaCondition.Type.READY, Condition.TRUE, "ScaledJobReady", "ScaledJob is defined correctly and is ready for scaling"),
    /** Set by the reconciler; KEDA's wording, "ready to scaling", kept as users' tooling may match it. */
    RECONCILED(KedaCondition.Type.READY, Condition.TRUE, "ScaledJobReady", "ScaledJob is defined correctly and is ready to scaling"),
    PAUSED_READY(KedaCondition.Type.READY, Condition.TRUE, "ScaledJobReady", "ScaledJob is paused, skipping reconcile loop"),
    CHECK_FAILED(KedaCondition.Type.READY, Condition.FALSE, "ScaledJobCheckFailed", null),
    TRIGGER_ERROR(KedaCondition.Type.READY, Condition.FALSE, "TriggerError", "Triggers defined in ScaledJob are not working correctly"),
    PARTIAL_TRIGGER_ERROR(KedaCondition.Type.READY, Condition.UNKNOWN, "PartialTriggerError",
            "Some triggers defined in ScaledJob are not working correctly"),
    /** Tide's own: the job loop itself failed on this object (a bug or a broken plugin), not its sources. */
    JOB_LOOP_FAILED(KedaCondition.Type.READY, Condition.FALSE, "JobLoopFailed", null),

    UNKNOWN_STATE(KedaCondition.Type.ACTIVE, Condition.UNKNOWN, "UnknownState", "ScaledJob check failed"),
    ACTIVE(KedaCondition.Type.ACTIVE, Condition.TRUE, "ScalerActive", "Scaling is performed because triggers are active"),
    NOT_ACTIVE(KedaCondition.Type.ACTIVE, Condition.FALSE, "ScalerNotActive", "Scaling is not performed because triggers are not active"),

    PAUSED(KedaCondition.Type.PAUSED, Condition.TRUE, "ScaledJobPaused", "ScaledJob is paused"),
    UNPAUSED(KedaCondition.Type.PAUSED, Condition.FALSE, "ScaledJobUnpaused", "ScaledJob is unpaused");

    private final Shape shape;

    KedaJobCondition(KedaCondition.Type type, String status, String reason, String message) {
        this.shape = new Shape(type, status, reason, message);
    }

    @Override
    public Shape shape() {
        return shape;
    }
}
