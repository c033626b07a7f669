package dev.tide.keda.api.validation;

import dev.tide.keda.api.ScaleTrigger;

/**
 * Checks one trigger's metadata against its scaler's parameters, without connecting to the event source: the
 * plugin's parameter binding, as the host offers it. {@link #NONE} checks nothing.
 */
@FunctionalInterface
public interface TriggerParameters {

    TriggerParameters NONE = (index, trigger, field) -> Verdict.ALLOWED;

    /**
     * @param field the trigger's field, e.g. {@code spec.triggers[1] (kafka "orders")}, to prefix findings with
     */
    Verdict check(int index, ScaleTrigger trigger, String field);
}
