package dev.tide.scaler.api;

import java.util.List;

/**
 * A trigger's configuration is wrong. The message names the trigger and every problem at once, e.g.
 * {@code trigger[1] (kafka): missing required parameter "topic" in [triggerMetadata]}. It never contains the
 * value of a secret parameter.
 */
public class ScalerConfigException extends RuntimeException {

    private final List<String> problems;

    public ScalerConfigException(String triggerLabel, List<String> problems) {
        super(triggerLabel + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public ScalerConfigException(TriggerConfig trigger, String problem) {
        this(trigger.label(), List.of(problem));
    }

    /** Each problem on its own, without the trigger prefix. */
    public List<String> problems() {
        return problems;
    }
}
