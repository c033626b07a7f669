package dev.tide.keda.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** KEDA's TriggerAuthentication: where a trigger's credentials come from; namespaced; its Secrets and ConfigMaps are read from its own namespace. */
@Group(KedaApi.GROUP)
@Version(KedaApi.VERSION)
@Kind("TriggerAuthentication")
@Plural("triggerauthentications")
@Singular("triggerauthentication")
@ShortNames({"ta", "triggerauth"})
@AdditionalPrinterColumn(name = "PodIdentity", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.podIdentity.provider")
@AdditionalPrinterColumn(name = "Secret", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.secretTargetRef[*].name")
@AdditionalPrinterColumn(name = "Env", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.env[*].name")
@AdditionalPrinterColumn(name = "VaultAddress", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.hashiCorpVault.address")
@AdditionalPrinterColumn(name = "ScaledObjects", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.scaledobjects", priority = 1)
@AdditionalPrinterColumn(name = "ScaledJobs", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.scaledjobs", priority = 1)
public class TriggerAuthentication extends CustomResource<TriggerAuthenticationSpec, TriggerAuthenticationStatus> implements Namespaced {
}
