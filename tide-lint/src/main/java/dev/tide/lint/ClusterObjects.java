package dev.tide.lint;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The non-KEDA objects the cross-object rules look at, read into the {@link FileClusterView}: Deployments and
 * StatefulSets ({@code apps}), HorizontalPodAutoscalers ({@code autoscaling}, any version) and LimitRanges
 * ({@code v1}). Only the parts the rules read are read (a workload's container names and resources, an HPA's
 * metadata and target), which keeps a run over many workloads fast and leaves their other fields to other tools.
 * A part that cannot be read is a note, not an error: lint checks KEDA objects, and the rules that needed it are
 * skipped.
 */
final class ClusterObjects {

    private final KubernetesSerialization serialization;

    ClusterObjects(KubernetesSerialization serialization) {
        this.serialization = serialization;
    }

    /** Whether lint reads this kind of object for the cross-object rules. */
    static boolean used(ManifestDocument document) {
        return switch (document.group()) {
            case "apps" -> document.kind().equals("Deployment") || document.kind().equals("StatefulSet");
            case "autoscaling" -> document.kind().equals("HorizontalPodAutoscaler");
            case "" -> document.kind().equals("LimitRange");
            default -> false;
        };
    }

    /** Adds a {@link #used} object to the view; a note when it cannot be read. */
    Optional<LintFinding> add(ManifestDocument document, FileClusterView cluster) {
        String namespace = document.namespace();
        JsonNode content = document.content();
        try {
            switch (document.kind()) {
                case "Deployment", "StatefulSet" -> podSpec(content.path("spec").path("template").path("spec"))
                        .ifPresent(podSpec -> cluster.addWorkload(namespace, document.kind(), document.name(), podSpec));
                case "HorizontalPodAutoscaler" -> cluster.add(namespace, hpa(content));
                default -> cluster.add(namespace, read(content, LimitRange.class, ""));
            }
            return Optional.empty();
        } catch (Unreadable e) {
            ObjectRef ref = new ObjectRef(document.kind(), namespace, document.name());
            return Optional.of(new LintFinding(document.file(), document.line(e.failure.field()), Optional.of(ref), Severity.INFO,
                    e.failure.finding("not-read", e.failure.message()
                            + " (cannot be read, so the checks of ScaledObjects that look at it are skipped)")));
        }
    }

    /** The containers' names and resources: all {@code verifyCPUMemoryScalers} reads of a pod template. */
    private Optional<PodSpec> podSpec(JsonNode podSpec) {
        JsonNode containers = podSpec.path("containers");
        if (!containers.isArray()) {
            if (!containers.isMissingNode()) {
                throw new Unreadable(ReadFailure.mismatch("spec.template.spec.containers", "a list", containers));
            }
            return Optional.empty();
        }
        List<Container> read = new ArrayList<>();
        for (int i = 0; i < containers.size(); i++) {
            String field = "spec.template.spec.containers[" + i + "]";
            Container container = new Container();
            container.setName(containers.get(i).path("name").asText(""));
            JsonNode resources = containers.get(i).path("resources");
            if (!resources.isMissingNode()) {
                container.setResources(read(resources, ResourceRequirements.class, field + ".resources"));
            }
            read.add(container);
        }
        PodSpec spec = new PodSpec();
        spec.setContainers(read);
        return Optional.of(spec);
    }

    /** Name, annotations and owners, and the target: what {@code verifyHpas} reads of an HPA. */
    private HorizontalPodAutoscaler hpa(JsonNode content) {
        HorizontalPodAutoscaler hpa = new HorizontalPodAutoscaler();
        hpa.setMetadata(content.has("metadata") ? read(content.get("metadata"), ObjectMeta.class, "metadata") : new ObjectMeta());
        HorizontalPodAutoscalerSpec spec = new HorizontalPodAutoscalerSpec();
        JsonNode target = content.path("spec").path("scaleTargetRef");
        if (!target.isMissingNode()) {
            spec.setScaleTargetRef(read(target, CrossVersionObjectReference.class, "spec.scaleTargetRef"));
        }
        hpa.setSpec(spec);
        return hpa;
    }

    private <T> T read(JsonNode part, Class<T> type, String root) {
        try {
            return serialization.convertValue(part, type);
        } catch (IllegalArgumentException e) {
            throw new Unreadable(ReadFailure.of(e, root));
        }
    }

    /** A part that cannot be read, and why. */
    private static final class Unreadable extends RuntimeException {
        private final transient ReadFailure failure;

        Unreadable(ReadFailure failure) {
            super(failure.message(), null, false, false);
            this.failure = failure;
        }
    }
}
