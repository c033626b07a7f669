package dev.tide.controller.reconcile;

import dev.tide.keda.api.Condition;
import dev.tide.keda.api.KedaCondition;
import dev.tide.keda.api.ScaledObjectStatus;

/** The condition transitions the reconciler makes, with KEDA's types, reasons and messages ({@link KedaCondition}). */
final class Conditions {

    private Conditions() {
    }

    /** KEDA's {@code GetInitializedConditions}: Ready, Active and Fallback Unknown, Paused False; only missing ones. */
    static void initialize(ScaledObjectStatus status) {
        for (KedaCondition.Type type : KedaCondition.Type.values()) {
            if (status.condition(type.value()).isEmpty()) {
                status.setCondition(type.initial());
            }
        }
    }

    static boolean isTrue(ScaledObjectStatus status, KedaCondition.Type type) {
        return status.condition(type.value()).map(Condition::isTrue).orElse(false);
    }

    static void ready(ScaledObjectStatus status) {
        status.setCondition(KedaCondition.READY.condition());
    }

    static void checkFailed(ScaledObjectStatus status, String message) {
        status.setCondition(KedaCondition.CHECK_FAILED.withMessage(message));
        status.setCondition(KedaCondition.UNKNOWN_STATE.condition());
    }

    static void paused(ScaledObjectStatus status) {
        status.setCondition(KedaCondition.PAUSED.condition());
    }

    static void unpaused(ScaledObjectStatus status) {
        status.setCondition(KedaCondition.UNPAUSED.condition());
    }

    static void noFallback(ScaledObjectStatus status) {
        status.setCondition(KedaCondition.NO_FALLBACK.condition());
    }
}
