package dev.tide.keda.api.validation;

import dev.tide.keda.api.ScaleTrigger;
import dev.tide.keda.api.ScaledJob;
import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.SpecValidator;
import dev.tide.keda.api.TriggerAuthenticationSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Objects;

/**
 * The one validator of KEDA objects: the webhook, the reconciler and {@code tide lint} all ask it, so an object is
 * judged the same way wherever it is checked. The trigger parameter check is the host's (it knows the plugins); the
 * other objects come from the {@link ClusterView} the caller has.
 */
public final class KedaValidator {

    private final TriggerParameters parameters;

    public KedaValidator(TriggerParameters parameters) {
        this.parameters = parameters;
    }

    /**
     * Every rule for a ScaledObject. The trigger parameters are checked only when the spec's own rules pass, since a
     * binder message about a trigger that is refused anyway helps nobody.
     */
    public Verdict scaledObject(ScaledObject scaledObject, Occasion occasion, ClusterView cluster) {
        Findings findings = new Findings();
        ScaledObjectRules.check(scaledObject, findings);
        if (scaledObject.getSpec() == null) {
            return findings.verdict();
        }
        if (!findings.hasErrors()) {
            List<ScaleTrigger> triggers = scaledObject.getSpec().triggers();
            for (int i = 0; i < triggers.size(); i++) {
                findings.add(parameters.check(i, triggers.get(i), SpecValidator.triggerField(i, triggers.get(i))));
            }
        }
        ClusterRules.check(scaledObject, occasion, cluster, findings);
        return findings.verdict();
    }

    /**
     * An update of a ScaledObject. As KEDA's {@code isRemovingFinalizer}: an update that only drops finalizers and
     * leaves the spec as it was is let through unchecked, so an object that has become invalid (its workload changed
     * since) can still be deleted.
     */
    public Verdict scaledObjectUpdate(ScaledObject before, ScaledObject after, Occasion occasion, ClusterView cluster) {
        if (finalizers(after) < finalizers(before) && Objects.equals(before.getSpec(), after.getSpec())) {
            return Verdict.ALLOWED;
        }
        return scaledObject(after, occasion, cluster);
    }

    private static int finalizers(HasMetadata object) {
        List<String> finalizers = object.getMetadata().getFinalizers();
        return finalizers == null ? 0 : finalizers.size();
    }

    /**
     * Every rule for a ScaledJob. As for a ScaledObject, the trigger parameters are checked only when the spec's own
     * rules pass. KEDA's ScaledJob webhook reads no other object, so neither does this.
     */
    public Verdict scaledJob(ScaledJob scaledJob) {
        Findings findings = new Findings();
        ScaledJobRules.check(scaledJob.getSpec(), findings);
        if (scaledJob.getSpec() != null && !findings.hasErrors()) {
            List<ScaleTrigger> triggers = scaledJob.getSpec().triggers();
            for (int i = 0; i < triggers.size(); i++) {
                findings.add(parameters.check(i, triggers.get(i), SpecValidator.triggerField(i, triggers.get(i))));
            }
        }
        return findings.verdict();
    }

    /**
     * An update of a ScaledJob. KEDA's {@code isScaledJobRemovingFinalizer}: the last finalizer removed and the spec
     * as it was is let through unchecked.
     */
    public Verdict scaledJobUpdate(ScaledJob before, ScaledJob after) {
        if (finalizers(before) == 1 && finalizers(after) == 0 && Objects.equals(before.getSpec(), after.getSpec())) {
            return Verdict.ALLOWED;
        }
        return scaledJob(after);
    }

    /** A TriggerAuthentication ({@code clusterScoped} false) or ClusterTriggerAuthentication. */
    public Verdict triggerAuthentication(TriggerAuthenticationSpec spec, boolean clusterScoped) {
        Findings findings = new Findings();
        AuthenticationRules.check(spec, clusterScoped, findings);
        return findings.verdict();
    }
}
