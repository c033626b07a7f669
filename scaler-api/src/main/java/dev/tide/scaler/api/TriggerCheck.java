package dev.tide.scaler.api;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link ScalerFactory#validate} found in a trigger's parameters (SPI 1.3): errors refuse the object at admission
 * and at reconcile, warnings are shown to whoever applied it.
 */
public record TriggerCheck(List<Issue> errors, List<Issue> warnings) {

    public static final TriggerCheck OK = new TriggerCheck(List.of(), List.of());

    public TriggerCheck {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /**
     * One finding.
     *
     * @param parameter the parameter it is about, as written in the trigger's metadata; null for the trigger as a whole
     * @param message what is wrong, without the trigger's label (the host adds where)
     */
    public record Issue(String parameter, String message) {
    }

    /** This check's findings followed by {@code other}'s. */
    public TriggerCheck and(TriggerCheck other) {
        if (other.errors.isEmpty() && other.warnings.isEmpty()) {
            return this;
        }
        List<Issue> allErrors = new ArrayList<>(errors);
        allErrors.addAll(other.errors);
        List<Issue> allWarnings = new ArrayList<>(warnings);
        allWarnings.addAll(other.warnings);
        return new TriggerCheck(allErrors, allWarnings);
    }
}
