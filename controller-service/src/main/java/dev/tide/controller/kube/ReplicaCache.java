package dev.tide.controller.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.ReducedStateItemStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link ScaleClient} knows of replica counts without asking the API server, so that a scale pass makes no API
 * read (issue 22).
 *
 * <ul>
 * <li>Deployments and StatefulSets come from shared informers, one per kind and watched namespace (one for all when
 * every namespace is watched). fabric8 informers cannot limit fields on the server, so each keeps only
 * {@code metadata.name/namespace/resourceVersion} and {@code spec.replicas} of an object
 * ({@link ReducedStateItemStore}): the pod template, which can be most of a workload's size, is never held, and a
 * reconcile that needs it for {@code <name>FromEnv} reads it once ({@link ScaleClient#observe}).</li>
 * <li>Any other {@code /scale} kind (Argo Rollouts, custom resources) is read through with a short time to live,
 * {@link #READ_THROUGH_TTL}: long enough that several ScaledObjects on one target, or a pass retried at once, share a
 * read; short enough that a change made by someone else is seen within a second, as a direct read would within a 1 s
 * polling interval. Watching arbitrary kinds would need list/watch RBAC on each and a watch per kind.</li>
 * <li>Until an informer has synced, while its watch reconnects, and for an object it does not hold (created a moment
 * ago, or missing), the caller reads directly.</li>
 * <li>After Tide writes {@code /scale}, the informer may still hold the value before the write for a few
 * milliseconds. The written count answers until the informer's copy changes from the version it had before the write
 * (comparing versions for equality only, as Kubernetes asks), so the next pass never acts on the old value: no
 * second write, no repeated activation event.</li>
 * </ul>
 */
public final class ReplicaCache implements AutoCloseable {

    /** How long a read of a kind without informer answers. */
    static final Duration READ_THROUGH_TTL = Duration.ofSeconds(1);
    /** Bound of the read-through entries: past it, expired ones are dropped (one entry per target read in the TTL). */
    static final int READ_THROUGH_MAX_ENTRIES = 10_000;

    private static final Logger log = LoggerFactory.getLogger(ReplicaCache.class);

    /** One kind's informed objects: has its informer (every one of its informers) synced, and the object by key. */
    interface Informed {
        boolean synced();

        Optional<HasMetadata> get(String namespace, String name);
    }

    /** The written count, answered while the informer still holds {@code versionBefore}. */
    private record Written(int replicas, String versionBefore) {
    }

    private record Read(int replicas, long atNanos) {
    }

    private final Map<String, Informed> informedByKind;
    private final Duration readThroughTtl;
    private final LongSupplier nanoTime;
    private final List<SharedIndexInformer<? extends HasMetadata>> informers;
    private final Map<ScaleClient.Target, Written> written = new ConcurrentHashMap<>();
    private final Map<ScaleClient.Target, Read> reads = new ConcurrentHashMap<>();

    ReplicaCache(Map<String, Informed> informedByKind, Duration readThroughTtl, LongSupplier nanoTime,
            List<SharedIndexInformer<? extends HasMetadata>> informers) {
        this.informedByKind = Map.copyOf(informedByKind);
        this.readThroughTtl = readThroughTtl;
        this.nanoTime = nanoTime;
        this.informers = List.copyOf(informers);
    }

    /**
     * Informers of Deployments and StatefulSets in {@code namespaces} (all when empty), started by {@link #start}.
     */
    public static ReplicaCache informing(KubernetesClient client, Set<String> namespaces) {
        var deployments = informers(client, client.apps().deployments(), Deployment.class, namespaces);
        var statefulSets = informers(client, client.apps().statefulSets(), StatefulSet.class, namespaces);
        List<SharedIndexInformer<? extends HasMetadata>> all = new ArrayList<>(deployments);
        all.addAll(statefulSets);
        return new ReplicaCache(Map.of("apps/Deployment", informed(deployments), "apps/StatefulSet", informed(statefulSets)),
                READ_THROUGH_TTL, System::nanoTime, all);
    }

    /** Knows nothing: every read goes to the API server (tests and benchmarks that measure the direct path). */
    public static ReplicaCache none() {
        return new ReplicaCache(Map.of(), Duration.ZERO, System::nanoTime, List.of());
    }

    private static <T extends HasMetadata> List<SharedIndexInformer<T>> informers(KubernetesClient client,
            MixedOperation<T, ?, ?> operation, Class<T> type, Set<String> namespaces) {
        List<SharedIndexInformer<T>> result = new ArrayList<>();
        for (Informable<T> scope : WatchScopes.of(operation, namespaces)) {
            SharedIndexInformer<T> informer = scope.runnableInformer(0)
                    .itemStore(new ReducedStateItemStore<>(ReducedStateItemStore.NAME_KEY_STATE, type,
                            client.getKubernetesSerialization(), "spec.replicas"))
                    // Looked up by key only: the namespace index would be a second map of every object.
                    .removeNamespaceIndex();
            result.add(informer);
        }
        return result;
    }

    private static <T extends HasMetadata> Informed informed(List<SharedIndexInformer<T>> informers) {
        return new Informed() {
            @Override
            public boolean synced() {
                // Not while a watch reconnects (or after it gave up): the cache may miss changes then.
                return informers.stream().allMatch(i -> i.hasSynced() && i.isWatching());
            }

            @Override
            public Optional<HasMetadata> get(String namespace, String name) {
                String key = namespace + "/" + name;
                for (SharedIndexInformer<T> informer : informers) {
                    T found = informer.getIndexer().getByKey(key);
                    if (found != null) {
                        return Optional.of(found);
                    }
                }
                return Optional.empty();
            }
        };
    }

    /**
     * Starts the informers without waiting: direct reads answer until they have synced. One that cannot list (RBAC
     * without list/watch on the kind) is logged and left; the reads of its kind stay direct.
     */
    public void start() {
        for (SharedIndexInformer<? extends HasMetadata> informer : informers) {
            informer.start().whenComplete((ignored, failure) -> {
                if (failure != null) {
                    log.warn("The {} informer could not start, so replica counts of that kind are read from the API server"
                            + " on every pass; grant list and watch on it ({})", informer.getApiTypeClass().getSimpleName(),
                            failure.toString());
                }
            });
        }
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }

    /** The replicas known without a read: from a synced informer that holds the target, or a fresh read-through. */
    OptionalInt replicas(ScaleClient.Target target) {
        Informed informed = informedByKind.get(kind(target));
        if (informed == null) {
            Read read = reads.get(target);
            boolean fresh = read != null && nanoTime.getAsLong() - read.atNanos() < readThroughTtl.toNanos();
            return fresh ? OptionalInt.of(read.replicas()) : OptionalInt.empty();
        }
        Optional<HasMetadata> object = informed.synced() ? informed.get(target.namespace(), target.name()) : Optional.empty();
        if (object.isEmpty()) {
            return OptionalInt.empty();
        }
        Written mine = written.get(target);
        if (mine != null) {
            if (mine.versionBefore().equals(object.get().getMetadata().getResourceVersion())) {
                return OptionalInt.of(mine.replicas());
            }
            // The informer has seen the write, or a later change: it answers from now on.
            written.remove(target, mine);
        }
        return OptionalInt.of(specReplicas(object.get()));
    }

    /** True when a synced informer holds the target: it exists and (an apps/v1 workload) has {@code /scale}. */
    boolean holds(ScaleClient.Target target) {
        Informed informed = informedByKind.get(kind(target));
        return informed != null && informed.synced() && informed.get(target.namespace(), target.name()).isPresent();
    }

    /** A direct read's answer, kept for the TTL when no informer knows the kind. */
    void read(ScaleClient.Target target, int replicas) {
        if (!informedByKind.containsKey(kind(target))) {
            keep(target, replicas);
        }
    }

    /** The informer's version of the target now, taken before a write. */
    Optional<String> versionBeforeWrite(ScaleClient.Target target) {
        Informed informed = informedByKind.get(kind(target));
        if (informed == null || !informed.synced()) {
            return Optional.empty();
        }
        return informed.get(target.namespace(), target.name()).map(o -> o.getMetadata().getResourceVersion());
    }

    /** Tide wrote {@code replicas}: answer them until the informer's copy moves past {@code versionBefore}. */
    void wrote(ScaleClient.Target target, int replicas, Optional<String> versionBefore) {
        if (!informedByKind.containsKey(kind(target))) {
            keep(target, replicas);
        } else if (versionBefore.isPresent()) {
            written.put(target, new Written(replicas, versionBefore.get()));
        }
    }

    private void keep(ScaleClient.Target target, int replicas) {
        if (readThroughTtl.isZero()) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (reads.size() >= READ_THROUGH_MAX_ENTRIES) {
            reads.values().removeIf(r -> now - r.atNanos() >= readThroughTtl.toNanos());
        }
        if (reads.size() < READ_THROUGH_MAX_ENTRIES || reads.containsKey(target)) {
            reads.put(target, new Read(replicas, now));
        }
    }

    /** As {@code /scale} reports a workload: {@code spec.replicas}, 0 when unset (the API server always sets it). */
    static int specReplicas(HasMetadata object) {
        Integer replicas = null;
        if (object instanceof Deployment d && d.getSpec() != null) {
            replicas = d.getSpec().getReplicas();
        } else if (object instanceof StatefulSet s && s.getSpec() != null) {
            replicas = s.getSpec().getReplicas();
        }
        return replicas == null ? 0 : replicas;
    }

    private static String kind(ScaleClient.Target target) {
        return target.gvkr().group() + "/" + target.gvkr().kind();
    }
}
