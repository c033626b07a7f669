package dev.tide.lint;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Optional;

/**
 * The non-KEDA objects the cross-object rules look at, read into the {@link FileClusterView}: Deployments and
 * StatefulSets ({@code apps}), HorizontalPodAutoscalers ({@code autoscaling}, any version: only the target is read)
 * and LimitRanges ({@code v1}). Every other kind is ignored. One that cannot be read is a note, not an error: lint
 * checks KEDA objects, and the rules that needed it are skipped.
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
        try {
            switch (document.kind()) {
                case "Deployment" -> {
                    Deployment deployment = read(document, Deployment.class);
                    cluster.addWorkload(namespace, document.kind(), document.name(),
                            deployment.getSpec() == null ? null : deployment.getSpec().getTemplate());
                }
                case "StatefulSet" -> {
                    StatefulSet statefulSet = read(document, StatefulSet.class);
                    cluster.addWorkload(namespace, document.kind(), document.name(),
                            statefulSet.getSpec() == null ? null : statefulSet.getSpec().getTemplate());
                }
                case "HorizontalPodAutoscaler" -> cluster.add(namespace, read(document, HorizontalPodAutoscaler.class));
                default -> cluster.add(namespace, read(document, LimitRange.class));
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            ReadFailure failure = ReadFailure.of(e);
            ObjectRef ref = new ObjectRef(document.kind(), namespace, document.name());
            return Optional.of(new LintFinding(document.file(), document.line(failure.field()), Optional.of(ref), Severity.INFO,
                    failure.finding("not-read", failure.message()
                            + " (cannot be read, so the checks of ScaledObjects that look at it are skipped)")));
        }
    }

    private <T extends HasMetadata> T read(ManifestDocument document, Class<T> type) {
        T object = serialization.convertValue(document.content(), type);
        if (object.getMetadata() == null) {
            object.setMetadata(new ObjectMeta());
        }
        return object;
    }
}
