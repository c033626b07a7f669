package dev.tide.keda.api;

/**
 * Every condition KEDA sets on a ScaledObject, as type, status, reason and (where KEDA's is fixed) message, from
 * KEDA's {@code condition_types.go} and {@code scale_handler.go}. Dashboards and {@code kubectl wait} match on them.
 */
public enum KedaCondition implements ConditionTemplate {

    READY(Type.READY, Condition.TRUE, "ScaledObjectReady", "ScaledObject is defined correctly and is ready for scaling"),
    CHECK_FAILED(Type.READY, Condition.FALSE, "ScaledObjectCheckFailed", null),
    TRIGGER_ERROR(Type.READY, Condition.FALSE, "TriggerError", "Triggers defined in ScaledObject are not working correctly"),
    PARTIAL_TRIGGER_ERROR(Type.READY, Condition.UNKNOWN, "PartialTriggerError",
            "Some triggers defined in ScaledObject are not working correctly"),
    ERROR_GETTING_CURRENT_REPLICAS(Type.READY, Condition.FALSE, "ErrorGettingCurrentReplicas", null),
    /** Tide's own: the scale loop itself failed on this object (a bug or a broken plugin), not its sources. */
    SCALE_LOOP_FAILED(Type.READY, Condition.FALSE, "ScaleLoopFailed", null),

    UNKNOWN_STATE(Type.ACTIVE, Condition.UNKNOWN, "UnknownState", "ScaledObject check failed"),
    SCALER_ACTIVE(Type.ACTIVE, Condition.TRUE, "ScalerActive", "Scaling is performed because triggers are active"),
    FORCED_ACTIVE(Type.ACTIVE, Condition.TRUE, "ScalerActive",
            "Scaling is performed because the ScaledObject is forced active by annotation"),
    SCALER_COOLDOWN(Type.ACTIVE, Condition.FALSE, "ScalerCooldown", "Scaler cooling down because triggers are not active"),
    SCALER_NOT_ACTIVE(Type.ACTIVE, Condition.FALSE, "ScalerNotActive",
            "Scaling is not performed because triggers are not active"),

    FALLBACK_EXISTS(Type.FALLBACK, Condition.TRUE, "FallbackExists",
            "At least one trigger is falling back on this scaled object"),
    NO_FALLBACK(Type.FALLBACK, Condition.FALSE, "NoFallbackFound", "No fallbacks are active on this scaled object"),

    PAUSED(Type.PAUSED, Condition.TRUE, "ScaledObjectPaused", "ScaledObject is paused"),
    UNPAUSED(Type.PAUSED, Condition.FALSE, "ScaledObjectUnpaused", "pause annotation removed for ScaledObject");

    /** KEDA's condition types. */
    public enum Type {
        READY("Ready"), ACTIVE("Active"), FALLBACK("Fallback"), PAUSED("Paused");

        private final String value;

        Type(String value) {
            this.value = value;
        }

        /** The type as written in the status. */
        public String value() {
            return value;
        }

        /** KEDA's {@code GetInitializedConditions} entry: Unknown, except Paused, which starts False. */
        public Condition initial() {
            return new Condition(value, this == PAUSED ? Condition.FALSE : Condition.UNKNOWN, "", "");
        }
    }

    private final Shape shape;

    KedaCondition(Type type, String status, String reason, String message) {
        this.shape = new Shape(type, status, reason, message);
    }

    @Override
    public Shape shape() {
        return shape;
    }
}
