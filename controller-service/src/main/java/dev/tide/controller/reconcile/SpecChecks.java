package dev.tide.controller.reconcile;

import dev.tide.keda.api.CheckFailedException;
import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.ScaledObjectSpec;
import dev.tide.keda.api.SpecValidator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The spec checks that run before a reconcile acts on anything: {@link SpecValidator}'s problems as one check
 * failure, under KEDA's summary for the first problem's field. No API path is ever built from a value that fails.
 */
final class SpecChecks {

    private SpecChecks() {
    }

    static void check(ScaledObject scaledObject) {
        var unreadable = scaledObject.unreadable();
        if (unreadable.isPresent()) {
            throw new CheckFailedException(CheckFailedException.SPEC, "the stored spec cannot be read: " + unreadable.get());
        }
        check(scaledObject.getSpec());
    }

    static void check(ScaledObjectSpec spec) {
        List<SpecValidator.Problem> problems = SpecValidator.problems(spec);
        if (problems.isEmpty()) {
            return;
        }
        SpecValidator.Problem first = problems.get(0);
        if (first.field().startsWith("spec.scaleTargetRef") && first.message().equals("is required")) {
            throw new CheckFailedException(CheckFailedException.TARGET_NOT_SET, "spec.scaleTargetRef.name is empty");
        }
        throw new CheckFailedException(summary(first.field()), problems.stream().map(Object::toString).collect(Collectors.joining("; ")));
    }

    private static String summary(String field) {
        if (field.startsWith("spec.scaleTargetRef")) {
            return CheckFailedException.TARGET;
        }
        if (field.equals("spec.minReplicaCount") || field.equals("spec.maxReplicaCount") || field.equals("spec.idleReplicaCount")) {
            return CheckFailedException.REPLICAS;
        }
        if (field.startsWith("spec.triggers")) {
            return CheckFailedException.TRIGGERS;
        }
        return CheckFailedException.SPEC;
    }
}
