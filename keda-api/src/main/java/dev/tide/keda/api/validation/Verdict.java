package dev.tide.keda.api.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the validator says of one object: the errors that refuse it (all of them, in rule order, where KEDA stops at
 * the first) and the warnings it is admitted with.
 */
public record Verdict(List<Finding> errors, List<Finding> warnings) {

    public static final Verdict ALLOWED = new Verdict(List.of(), List.of());

    public Verdict {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean allowed() {
        return errors.isEmpty();
    }

    /** Every error, in rule order, separated by "; ". */
    public String message() {
        return errors.stream().map(Finding::describe).collect(Collectors.joining("; "));
    }

    /** This verdict's findings followed by {@code other}'s. */
    public Verdict and(Verdict other) {
        if (other.errors.isEmpty() && other.warnings.isEmpty()) {
            return this;
        }
        List<Finding> allErrors = new ArrayList<>(errors);
        allErrors.addAll(other.errors);
        List<Finding> allWarnings = new ArrayList<>(warnings);
        allWarnings.addAll(other.warnings);
        return new Verdict(allErrors, allWarnings);
    }
}
