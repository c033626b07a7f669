package dev.tide.keda.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;

/**
 * What {@link TriggerAuthentication} and {@link ClusterTriggerAuthentication} share: KEDA gives both the same spec,
 * status and {@code kubectl get} columns. The CRD generator reads printer columns from superclasses too; the group,
 * version, kind and names are not inherited and stay on each resource.
 */
@AdditionalPrinterColumn(name = "PodIdentity", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.podIdentity.provider")
@AdditionalPrinterColumn(name = "Secret", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.secretTargetRef[*].name")
@AdditionalPrinterColumn(name = "Env", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.env[*].name")
@AdditionalPrinterColumn(name = "VaultAddress", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.hashiCorpVault.address")
@AdditionalPrinterColumn(name = "ScaledObjects", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.scaledobjects", priority = 1)
@AdditionalPrinterColumn(name = "ScaledJobs", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.scaledjobs", priority = 1)
public abstract class TriggerAuthenticationResource
        extends CustomResource<TriggerAuthenticationSpec, TriggerAuthenticationStatus> {
}
