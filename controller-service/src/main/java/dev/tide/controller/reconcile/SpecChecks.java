package dev.tide.controller.reconcile;

import dev.tide.keda.api.CheckFailedException;
import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.validation.ClusterView;
import dev.tide.keda.api.validation.Finding;
import dev.tide.keda.api.validation.KedaValidator;
import dev.tide.keda.api.validation.Occasion;
import dev.tide.keda.api.validation.Verdict;
import java.util.List;
import java.util.function.Function;

/**
 * The checks that run before a reconcile acts on anything: the webhook's validator, on objects that pre-date the
 * webhook or arrived while it was off. Every error becomes one check failure under KEDA's summary for the first
 * error's rule; no API path, scaler, HPA or loop is ever built from an object that fails.
 */
final class SpecChecks {

    private final KedaValidator validator;
    private final ClusterView cluster;

    /** @param cluster where other objects are read; ScaledObjects come from the reconciler's cache instead */
    SpecChecks(KedaValidator validator, ClusterView cluster) {
        this.validator = validator;
        this.cluster = cluster;
    }

    /** @param cachedScaledObjects the ScaledObjects of a namespace as the operator's informer holds them */
    void check(ScaledObject scaledObject, Function<String, List<ScaledObject>> cachedScaledObjects) {
        var unreadable = scaledObject.unreadable();
        if (unreadable.isPresent()) {
            throw new CheckFailedException(CheckFailedException.SPEC, "the stored spec cannot be read: " + unreadable.get());
        }
        Verdict verdict = validator.scaledObject(scaledObject, Occasion.RECONCILE, cluster.withScaledObjects(cachedScaledObjects));
        if (verdict.allowed()) {
            return;
        }
        Finding first = verdict.errors().get(0);
        if (first.field().startsWith("spec.scaleTargetRef") && first.message().equals("is required")) {
            throw new CheckFailedException(CheckFailedException.TARGET_NOT_SET, "spec.scaleTargetRef.name is empty");
        }
        throw new CheckFailedException(summary(first), verdict.message());
    }

    private static String summary(Finding finding) {
        return switch (finding.reason()) {
            case "incorrect-replicas" -> CheckFailedException.REPLICAS;
            case "incorrect-triggers" -> CheckFailedException.TRIGGERS;
            // KEDA finds bad scaler metadata and formulas while building the HPA's metrics, and says so.
            case "invalid-trigger-metadata", "scaling-modifiers", "scaling-modifiers-fallback" -> CheckFailedException.HPA;
            default -> finding.field().startsWith("spec.scaleTargetRef") ? CheckFailedException.TARGET
                    : finding.field().startsWith("spec.triggers") ? CheckFailedException.TRIGGERS : CheckFailedException.SPEC;
        };
    }
}
