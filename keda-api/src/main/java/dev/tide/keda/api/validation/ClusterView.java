package dev.tide.keda.api.validation;

import dev.tide.keda.api.ScaledObject;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.List;
import java.util.function.Function;

/**
 * The other objects KEDA's cross-object rules look at, in one namespace. The webhook and the reconciler read them
 * from the API server; {@code tide lint} from the files it was given; {@link #NONE} knows of nothing.
 */
public interface ClusterView {

    /** Knows no other object: the cross-object rules find nothing to object to. */
    ClusterView NONE = new ClusterView() {
        @Override
        public List<ScaledObject> scaledObjects(String namespace) {
            return List.of();
        }

        @Override
        public List<HorizontalPodAutoscaler> horizontalPodAutoscalers(String namespace) {
            return List.of();
        }

        @Override
        public Workload workload(String namespace, String kind, String name) {
            return Workload.UNKNOWN;
        }

        @Override
        public List<LimitRange> limitRanges(String namespace) {
            return List.of();
        }
    };

    List<ScaledObject> scaledObjects(String namespace);

    List<HorizontalPodAutoscaler> horizontalPodAutoscalers(String namespace);

    /** An {@code apps/v1} Deployment or StatefulSet ({@code kind}), for its containers' resource requests. */
    Workload workload(String namespace, String kind, String name);

    List<LimitRange> limitRanges(String namespace);

    /** This view, with the ScaledObjects of a namespace taken from {@code scaledObjects} instead (a cache, say). */
    default ClusterView withScaledObjects(Function<String, List<ScaledObject>> scaledObjects) {
        ClusterView rest = this;
        return new ClusterView() {
            @Override
            public List<ScaledObject> scaledObjects(String namespace) {
                return scaledObjects.apply(namespace);
            }

            @Override
            public List<HorizontalPodAutoscaler> horizontalPodAutoscalers(String namespace) {
                return rest.horizontalPodAutoscalers(namespace);
            }

            @Override
            public Workload workload(String namespace, String kind, String name) {
                return rest.workload(namespace, kind, name);
            }

            @Override
            public List<LimitRange> limitRanges(String namespace) {
                return rest.limitRanges(namespace);
            }
        };
    }

    /**
     * What a view knows of a workload.
     *
     * @param podSpec the pod template's spec when found
     * @param missing the API's own words when the workload does not exist (KEDA denies then); null otherwise
     */
    record Workload(PodSpec podSpec, String missing) {

        /** The view cannot tell (a lint run without the workload's manifest): the rules that need it are skipped. */
        public static final Workload UNKNOWN = new Workload(null, null);

        public static Workload found(PodSpec podSpec) {
            return new Workload(podSpec, null);
        }

        /** KEDA passes the API error through, e.g. {@code deployments.apps "worker" not found}. */
        public static Workload missing(String apiError) {
            return new Workload(null, apiError);
        }
    }
}
