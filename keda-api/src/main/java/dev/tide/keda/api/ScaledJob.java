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

/**
 * KEDA's ScaledJob: each unit of queued work becomes a Kubernetes Job ({@code jobTargetRef}), started by a loop at
 * the ScaledJob's polling interval, instead of a replica of a long-running workload.
 */
@Group(KedaApi.GROUP)
@Version(KedaApi.VERSION)
@Kind("ScaledJob")
@Plural("scaledjobs")
@Singular("scaledjob")
@ShortNames("sj")
@AdditionalPrinterColumn(name = "Min", type = AdditionalPrinterColumn.Type.INTEGER, jsonPath = ".spec.minReplicaCount")
@AdditionalPrinterColumn(name = "Max", type = AdditionalPrinterColumn.Type.INTEGER, jsonPath = ".spec.maxReplicaCount")
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Active", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.conditions[?(@.type==\"Active\")].status")
@AdditionalPrinterColumn(name = "Paused", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.conditions[?(@.type==\"Paused\")].status")
@AdditionalPrinterColumn(name = "Triggers", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.triggersTypes")
@AdditionalPrinterColumn(name = "Authentications", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.authenticationsTypes")
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = ".metadata.creationTimestamp")
public class ScaledJob extends CustomResource<ScaledJobSpec, ScaledJobStatus> implements Namespaced {

    @Override
    protected ScaledJobStatus initStatus() {
        return new ScaledJobStatus();
    }
}
