package dev.tide.controller.scaling;

import dev.tide.keda.api.Condition;
import dev.tide.keda.api.KedaCondition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The Active, Ready and Fallback conditions a pass leaves, as KEDA's scale handler sets them: pure functions. They
 * run on every pass and mostly change nothing, so they return the list they were given when nothing changes and
 * use one instance per fixed condition: a steady pass allocates nothing here.
 */
final class LoopConditions {

    private static final Map<KedaCondition, Condition> FIXED = new EnumMap<>(KedaCondition.class);

    static {
        for (KedaCondition condition : KedaCondition.values()) {
            condition.fixedMessage().ifPresent(message -> FIXED.put(condition, condition.condition()));
        }
    }

    private LoopConditions() {
    }

    /** After a decided pass. */
    static List<Condition> after(List<Condition> previous, ScaleDecision.Signals signals, ScaleDecision decision,
            PassResult.FallbackState fallback) {
        List<Condition> conditions = previous;
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
        conditions = with(conditions, FIXED.get(activity));
        KedaCondition ready;
        if (error && (active || forced)) {
            ready = KedaCondition.PARTIAL_TRIGGER_ERROR;
        } else if (error && !(decision instanceof ScaleDecision.HoldForFallback)) {
            ready = KedaCondition.TRIGGER_ERROR;
        } else {
            // Clean, or a fallback serves the HPA: KEDA keeps Ready=True and says so in the Fallback condition.
            ready = KedaCondition.READY;
        }
        conditions = with(conditions, FIXED.get(ready));
        if (fallback.configured()) {
            conditions = with(conditions, FIXED.get(fallback.active() ? KedaCondition.FALLBACK_EXISTS : KedaCondition.NO_FALLBACK));
        }
        return conditions;
    }

    /** After a pass that could not read the target's replicas: only Ready changes. */
    static List<Condition> replicasUnknown(List<Condition> previous, String message) {
        return with(previous, KedaCondition.ERROR_GETTING_CURRENT_REPLICAS.withMessage(message));
    }

    /** The conditions with one of them set; {@code previous} itself when it already holds that condition. */
    static List<Condition> with(List<Condition> previous, Condition condition) {
        for (int i = 0; i < previous.size(); i++) {
            Condition existing = previous.get(i);
            if (existing.type().equals(condition.type())) {
                if (existing.equals(condition)) {
                    return previous;
                }
                List<Condition> conditions = new ArrayList<>(previous);
                conditions.set(i, condition);
                return List.copyOf(conditions);
            }
        }
        List<Condition> conditions = new ArrayList<>(previous);
        conditions.add(condition);
        return List.copyOf(conditions);
    }
}
