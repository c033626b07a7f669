package dev.tide.keda.api.validation;

import java.util.ArrayList;
import java.util.List;

/** Collects what the rules find about one object, in rule order. */
final class Findings {

    private final List<Finding> errors = new ArrayList<>();
    private final List<Finding> warnings = new ArrayList<>();

    void error(Finding finding) {
        errors.add(finding);
    }

    void warning(Finding finding) {
        warnings.add(finding);
    }

    void add(Verdict verdict) {
        errors.addAll(verdict.errors());
        warnings.addAll(verdict.warnings());
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    Verdict verdict() {
        return new Verdict(errors, warnings);
    }
}
