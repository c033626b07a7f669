package dev.tide.controller.scaling;

import dev.tide.keda.api.Condition;
import dev.tide.keda.api.KedaCondition;
import java.util.ArrayList;
import java.util.List;

/** The Active, Ready and Fallback conditions a pass leaves, as KEDA's scale handler sets them: pure functions. */
final class LoopConditions {

    private LoopConditions() {
    }

    /** After a decided pass. */
    static List<Condition> after(List<Condition> previous, ScaleDecision.Signals signals, ScaleDecision decision,
            PassResult.FallbackState fallback) {
        List<Condition> conditions = new ArrayList<>(previous);
        boolean active = signals.active();
        boolean forced = signals.forced();
        boolean error = signals.error();
        KedaCondition activity;
        if (active) {
            activity = KedaCondition.SCALER_ACTIVE;
        } else if (forced) {
            activity = KedaCondition.FORCED_ACTIVE;
        } else if (decision instanceof ScaleDecision.CoolingDown) {
            activity = KedaCondition.SCALER_COOLDOWN;
        } else {
            activity = KedaCondition.SCALER_NOT_ACTIVE;
        }
        set(conditions, activity.condition());
        KedaCondition ready;
        if (error && (active || forced)) {
            ready = KedaCondition.PARTIAL_TRIGGER_ERROR;
        } else if (error && !(decision instanceof ScaleDecision.HoldForFallback)) {
            ready = KedaCondition.TRIGGER_ERROR;
        } else {
            // Clean, or a fallback serves the HPA: KEDA keeps Ready=True and says so in the Fallback condition.
            ready = KedaCondition.READY;
        }
        set(conditions, ready.condition());
        if (fallback.configured()) {
            set(conditions, (fallback.active() ? KedaCondition.FALLBACK_EXISTS : KedaCondition.NO_FALLBACK).condition());
        }
        return List.copyOf(conditions);
    }

    /** After a pass that could not read the target's replicas: only Ready changes. */
    static List<Condition> replicasUnknown(List<Condition> previous, String message) {
        return with(previous, KedaCondition.ERROR_GETTING_CURRENT_REPLICAS.withMessage(message));
    }

    /** The conditions with one of them set. */
    static List<Condition> with(List<Condition> previous, Condition condition) {
        List<Condition> conditions = new ArrayList<>(previous);
        set(conditions, condition);
        return List.copyOf(conditions);
    }

    private static void set(List<Condition> conditions, Condition condition) {
        for (int i = 0; i < conditions.size(); i++) {
            if (conditions.get(i).type().equals(condition.type())) {
                conditions.set(i, condition);
                return;
            }
        }
        conditions.add(condition);
    }
}
