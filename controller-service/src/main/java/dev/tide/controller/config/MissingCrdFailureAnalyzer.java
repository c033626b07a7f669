package dev.tide.controller.config;

import io.javaoperatorsdk.operator.MissingCRDException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** The cluster does not serve KEDA's CRDs: say which one and how to install them, instead of a stack trace. */
public class MissingCrdFailureAnalyzer extends AbstractFailureAnalyzer<MissingCRDException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingCRDException cause) {
        return new FailureAnalysis(
                "The cluster has no CustomResourceDefinition " + cause.getCrdName()
                        + ", so the controller cannot watch ScaledObjects.",
                "Install Tide's CRDs (the Helm chart does, or: kubectl apply -f helm/tide/files/crds/). A cluster that ran "
                        + "KEDA already has them: keep them when uninstalling KEDA.",
                cause);
    }
}
