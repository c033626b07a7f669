package dev.tide.controller.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.keda.api.GroupVersionKindResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReplicaCacheTest {

    private static final ScaleClient.Target DEPLOYMENT = target("apps", "Deployment", "deployments", "web");
    private static final ScaleClient.Target STATEFUL_SET = target("apps", "StatefulSet", "statefulsets", "db");
    private static final ScaleClient.Target ROLLOUT = target("argoproj.io", "Rollout", "rollouts", "canary");

    private final FakeInformed deployments = new FakeInformed();
    private final FakeInformed statefulSets = new FakeInformed();
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final ReplicaCache cache = new ReplicaCache(Map.of("apps/Deployment", deployments, "apps/StatefulSet", statefulSets),
            ReplicaCache.READ_THROUGH_TTL, nanos::get, List.of());

    @Test
    void aSyncedInformerAnswersTheReplicasOfTheDeploymentsAndStatefulSetsItHolds() {
        deployments.put(deployment("web", 3, "10"));
        statefulSets.put(new StatefulSetBuilder().withNewMetadata().withNamespace("ns").withName("db").withResourceVersion("4")
                .endMetadata().withNewSpec().withReplicas(2).endSpec().build());

        assertThat(cache.replicas(DEPLOYMENT)).isEqualTo(OptionalInt.of(3));
        assertThat(cache.replicas(STATEFUL_SET)).isEqualTo(OptionalInt.of(2));
        assertThat(cache.holds(DEPLOYMENT)).isTrue();
    }

    @Test
    void untilTheInformerHasSyncedNothingIsKnownSoTheCallerReadsTheApiServer() {
        deployments.put(deployment("web", 3, "10"));
        deployments.synced = false;

        assertThat(cache.replicas(DEPLOYMENT)).isEmpty();
        assertThat(cache.holds(DEPLOYMENT)).isFalse();
    }

    @Test
    void aTargetTheInformerDoesNotHoldIsReadFromTheApiServerAndNotKeptSinceTheInformerWillDeliverIt() {
        assertThat(cache.replicas(DEPLOYMENT)).isEmpty();

        cache.read(DEPLOYMENT, 4);

        assertThat(cache.replicas(DEPLOYMENT)).isEmpty();
        assertThat(cache.holds(DEPLOYMENT)).isFalse();
    }

    @Test
    void anUnsetSpecReplicasCountsAsZeroAsScaleClientReadsIt() {
        deployments.put(new DeploymentBuilder().withNewMetadata().withNamespace("ns").withName("web").withResourceVersion("1")
                .endMetadata().build());

        assertThat(cache.replicas(DEPLOYMENT)).isEqualTo(OptionalInt.of(0));
    }

    @Test
    void afterTideScalesTheWrittenCountAnswersWhileTheInformerStillHoldsTheVersionFromBeforeTheWrite() {
        deployments.put(deployment("web", 0, "10"));
        Optional<String> before = cache.versionBeforeWrite(DEPLOYMENT);

        cache.wrote(DEPLOYMENT, 5, before);

        assertThat(before).contains("10");
        // The watch has not delivered the write yet: a pass must not see 0 and scale again.
        assertThat(cache.replicas(DEPLOYMENT)).isEqualTo(OptionalInt.of(5));
    }

    @Test
    void onceTheInformerMovesPastTheVersionBeforeTheWriteItAnswersAgainSoALaterChangeBySomeoneElseIsSeen() {
        deployments.put(deployment("web", 0, "10"));
        cache.wrote(DEPLOYMENT, 5, cache.versionBeforeWrite(DEPLOYMENT));
        deployments.put(deployment("web", 5, "11"));
        assertThat(cache.replicas(DEPLOYMENT)).isEqualTo(OptionalInt.of(5));

        // kubectl scale --replicas=2, after Tide's write.
        deployments.put(deployment("web", 2, "12"));

        assertThat(cache.replicas(DEPLOYMENT)).isEqualTo(OptionalInt.of(2));
    }

    @Test
    void aChangeBySomeoneElseThatLandsBeforeTheWatchDeliversTideOwnWriteStillEndsTheWrittenCount() {
        deployments.put(deployment("web", 0, "10"));
        cache.wrote(DEPLOYMENT, 5, cache.versionBeforeWrite(DEPLOYMENT));

        // Versions are compared for equality only: any other version means the informer has caught up.
        deployments.put(deployment("web", 7, "9"));

        assertThat(cache.replicas(DEPLOYMENT)).isEqualTo(OptionalInt.of(7));
    }

    @Test
    void aWriteBeforeTheInformerHeldTheTargetLeavesNoWrittenCountBehind() {
        Optional<String> before = cache.versionBeforeWrite(DEPLOYMENT);
        cache.wrote(DEPLOYMENT, 5, before);
        deployments.put(deployment("web", 5, "11"));

        assertThat(before).isEmpty();
        assertThat(cache.replicas(DEPLOYMENT)).isEqualTo(OptionalInt.of(5));
    }

    @Test
    void aKindWithoutInformerIsReadThroughAndItsReadAnswersForTheTtlOnly() {
        assertThat(cache.replicas(ROLLOUT)).isEmpty();
        cache.read(ROLLOUT, 4);

        nanos.addAndGet(ReplicaCache.READ_THROUGH_TTL.toNanos() - 1);
        assertThat(cache.replicas(ROLLOUT)).isEqualTo(OptionalInt.of(4));

        nanos.addAndGet(1);
        assertThat(cache.replicas(ROLLOUT)).isEmpty();
        assertThat(cache.holds(ROLLOUT)).isFalse();
    }

    @Test
    void aWriteToAKindWithoutInformerAnswersTheWrittenCountForTheTtl() {
        cache.read(ROLLOUT, 0);

        cache.wrote(ROLLOUT, 3, cache.versionBeforeWrite(ROLLOUT));

        assertThat(cache.replicas(ROLLOUT)).isEqualTo(OptionalInt.of(3));
    }

    @Test
    void theReadThroughEntriesAreBoundedAndExpiredOnesMakeRoom() {
        for (int i = 0; i < ReplicaCache.READ_THROUGH_MAX_ENTRIES; i++) {
            cache.read(target("argoproj.io", "Rollout", "rollouts", "r" + i), i);
        }
        ScaleClient.Target oneMore = target("argoproj.io", "Rollout", "rollouts", "one-more");

        cache.read(oneMore, 1);
        assertThat(cache.replicas(oneMore)).as("full of fresh entries: not kept").isEmpty();

        nanos.addAndGet(ReplicaCache.READ_THROUGH_TTL.toNanos());
        cache.read(oneMore, 1);
        assertThat(cache.replicas(oneMore)).as("the expired entries made room").isEqualTo(OptionalInt.of(1));
    }

    @Test
    void theCacheOfNothingSendsEveryReadToTheApiServer() {
        ReplicaCache none = ReplicaCache.none();
        none.read(ROLLOUT, 4);
        none.wrote(DEPLOYMENT, 2, Optional.of("1"));

        assertThat(none.replicas(ROLLOUT)).isEmpty();
        assertThat(none.replicas(DEPLOYMENT)).isEmpty();
    }

    private static Deployment deployment(String name, int replicas, String resourceVersion) {
        return new DeploymentBuilder().withNewMetadata().withNamespace("ns").withName(name).withResourceVersion(resourceVersion)
                .endMetadata().withNewSpec().withReplicas(replicas).endSpec().build();
    }

    private static ScaleClient.Target target(String group, String kind, String resource, String name) {
        return new ScaleClient.Target(new GroupVersionKindResource(group, "v1", kind, resource), "ns", name);
    }

    /** An informer's synced flag and store, set by the test. */
    private static final class FakeInformed implements ReplicaCache.Informed {
        private final Map<String, HasMetadata> objects = new HashMap<>();
        private boolean synced = true;

        void put(HasMetadata object) {
            objects.put(object.getMetadata().getNamespace() + "/" + object.getMetadata().getName(), object);
        }

        @Override
        public boolean synced() {
            return synced;
        }

        @Override
        public Optional<HasMetadata> get(String namespace, String name) {
            return Optional.ofNullable(objects.get(namespace + "/" + name));
        }
    }
}
