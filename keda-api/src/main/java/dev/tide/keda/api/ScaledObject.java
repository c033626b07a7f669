package dev.tide.keda.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.Optional;

/**
 * KEDA's ScaledObject: scales one target through its {@code /scale} subresource and an HPA.
 *
 * <p>Read leniently ({@link LenientScaledObjectDeserializer}): a stored object whose spec does not fit the model is
 * read with its metadata and no spec, and says why in {@link #unreadable()}, so that it can be reported instead of
 * stopping the informer that every other ScaledObject goes through.
 */
@JsonDeserialize(using = LenientScaledObjectDeserializer.class)
@Group(KedaApi.GROUP)
@Version(KedaApi.VERSION)
@Kind("ScaledObject")
@Plural("scaledobjects")
@Singular("scaledobject")
@ShortNames("so")
@AdditionalPrinterColumn(name = "ScaleTargetKind", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.scaleTargetKind")
@AdditionalPrinterColumn(name = "ScaleTargetName", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.scaleTargetRef.name")
@AdditionalPrinterColumn(name = "Min", type = AdditionalPrinterColumn.Type.INTEGER, jsonPath = ".spec.minReplicaCount")
@AdditionalPrinterColumn(name = "Max", type = AdditionalPrinterColumn.Type.INTEGER, jsonPath = ".spec.maxReplicaCount")
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Active", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.conditions[?(@.type==\"Active\")].status")
@AdditionalPrinterColumn(name = "Fallback", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.conditions[?(@.type==\"Fallback\")].status")
@AdditionalPrinterColumn(name = "Paused", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.conditions[?(@.type==\"Paused\")].status")
@AdditionalPrinterColumn(name = "Triggers", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.triggersTypes")
@AdditionalPrinterColumn(name = "Authentications", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.authenticationsTypes")
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = ".metadata.creationTimestamp")
public class ScaledObject extends CustomResource<ScaledObjectSpec, ScaledObjectStatus> implements Namespaced {

    /** The in-memory annotation that carries why the spec could not be read; it survives the SDK's cloning. */
    static final String UNREADABLE_ANNOTATION = "tide.dev/unreadable-spec";

    @Override
    protected ScaledObjectStatus initStatus() {
        return new ScaledObjectStatus();
    }

    /** Why the stored spec could not be read into the model, naming the field; empty when it could. */
    public Optional<String> unreadable() {
        var annotations = getMetadata() == null ? null : getMetadata().getAnnotations();
        return Optional.ofNullable(annotations == null ? null : annotations.get(UNREADABLE_ANNOTATION));
    }
}
