package dev.tide.controller;

import dev.tide.controller.crd.Condition;
import dev.tide.controller.crd.ScaledObjectStatus;

/** KEDA's condition types, reasons and messages ({@code condition_types.go}), and the transitions the reconciler makes. */
final class Conditions {

    static final String READY = "Ready";
    static final String ACTIVE = "Active";
    static final String FALLBACK = "Fallback";
    static final String PAUSED = "Paused";

    static final String READY_REASON = "ScaledObjectReady";
    static final String READY_MESSAGE = "ScaledObject is defined correctly and is ready for scaling";
    static final String CHECK_FAILED_REASON = "ScaledObjectCheckFailed";
    static final String UNKNOWN_STATE_REASON = "UnknownState";
    static final String UNKNOWN_STATE_MESSAGE = "ScaledObject check failed";
    static final String NO_FALLBACK_REASON = "NoFallbackFound";
    static final String NO_FALLBACK_MESSAGE = "No fallbacks are active on this scaled object";
    static final String PAUSED_REASON = "ScaledObjectPaused";
    static final String PAUSED_MESSAGE = "ScaledObject is paused";
    static final String UNPAUSED_REASON = "ScaledObjectUnpaused";
    static final String UNPAUSED_MESSAGE = "pause annotation removed for ScaledObject";

    private Conditions() {
    }

    /** KEDA's {@code GetInitializedConditions}: Ready, Active and Fallback Unknown, Paused False; only missing ones. */
    static void initialize(ScaledObjectStatus status) {
        if (status.condition(READY).isEmpty()) {
            status.setCondition(new Condition(READY, Condition.UNKNOWN, "", ""));
        }
        if (status.condition(ACTIVE).isEmpty()) {
            status.setCondition(new Condition(ACTIVE, Condition.UNKNOWN, "", ""));
        }
        if (status.condition(FALLBACK).isEmpty()) {
            status.setCondition(new Condition(FALLBACK, Condition.UNKNOWN, "", ""));
        }
        if (status.condition(PAUSED).isEmpty()) {
            status.setCondition(new Condition(PAUSED, Condition.FALSE, "", ""));
        }
    }

    static boolean isTrue(ScaledObjectStatus status, String type) {
        return status.condition(type).map(Condition::isTrue).orElse(false);
    }

    static void ready(ScaledObjectStatus status) {
        status.setCondition(new Condition(READY, Condition.TRUE, READY_REASON, READY_MESSAGE));
    }

    static void checkFailed(ScaledObjectStatus status, String message) {
        status.setCondition(new Condition(READY, Condition.FALSE, CHECK_FAILED_REASON, message));
        status.setCondition(new Condition(ACTIVE, Condition.UNKNOWN, UNKNOWN_STATE_REASON, UNKNOWN_STATE_MESSAGE));
    }

    static void paused(ScaledObjectStatus status) {
        status.setCondition(new Condition(PAUSED, Condition.TRUE, PAUSED_REASON, PAUSED_MESSAGE));
    }

    static void unpaused(ScaledObjectStatus status) {
        status.setCondition(new Condition(PAUSED, Condition.FALSE, UNPAUSED_REASON, UNPAUSED_MESSAGE));
    }

    static void noFallback(ScaledObjectStatus status) {
        status.setCondition(new Condition(FALLBACK, Condition.FALSE, NO_FALLBACK_REASON, NO_FALLBACK_MESSAGE));
    }
}
