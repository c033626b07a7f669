package dev.tide.controller.leader;

import dev.tide.controller.config.LeaderWork;
import dev.tide.controller.sharding.ReplicaReadiness;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * KEDA's {@code --leader-elect}: fabric8's {@code LeaderElector} on a coordination.k8s.io Lease. The leader runs the
 * scale loops and answers the metrics API; a standby keeps its registrations warm and answers 503 NotLeader. When
 * leadership is lost the loops stop (replicas untouched) and this replica stands for election again.
 */
final class LeaderElection implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

    private final KubernetesClient client;
    private final LeaderElectionProperties properties;
    private final String namespace;
    private final String identity;
    private final List<LeaderWork> loops;
    private volatile CompletableFuture<?> election;
    private volatile boolean running;
    private volatile Standing standing = Standing.NOT_STARTED;

    private final boolean scaling;

    LeaderElection(KubernetesClient client, LeaderElectionProperties properties, String namespace, String identity, List<LeaderWork> loops,
            boolean scaling) {
        this.scaling = scaling;
        this.client = client;
        this.properties = properties;
        this.namespace = namespace;
        this.identity = identity;
        this.loops = List.copyOf(loops);
    }

    String identity() {
        return identity;
    }

    /** Where this replica stands now; the readiness group reads it ({@link ScaleLoopsHealthIndicator}). */
    Standing standing() {
        return standing;
    }

    /**
     * A replica is ready once it has started election: a follower at once (its informers synced before, see
     * {@link #getPhase()}), the leader only once its loops have started.
     */
    enum Standing implements ReplicaReadiness {
        NOT_STARTED(false),
        /** Not the leader (yet): serves the webhook, keeps registrations warm, answers NotLeader. */
        FOLLOWING(true),
        /** Has taken the lead; its scale and job loops are starting. */
        STARTING_LOOPS(false),
        LEADING(true),
        /** {@code tide.controller.scale-loops.enabled=false}: reconciles only. */
        NOT_SCALING(true);

        private final boolean ready;

        Standing(boolean ready) {
            this.ready = ready;
        }

        @Override
        public boolean ready() {
            return ready;
        }
    }

    private void lead() {
        standing = Standing.STARTING_LOOPS;
        loops.forEach(LeaderWork::startAll);
        standing = Standing.LEADING;
    }

    private void follow() {
        standing = Standing.FOLLOWING;
        loops.forEach(LeaderWork::stopAll);
    }

    @Override
    public void start() {
        running = true;
        if (!scaling) {
            log.info("Scale loops are off (tide.controller.scale-loops.enabled=false): this replica only reconciles");
            standing = Standing.NOT_SCALING;
            return;
        }
        if (!properties.enabled()) {
            log.info("Leader election is off: this replica runs every scale loop");
            lead();
            return;
        }
        standing = Standing.FOLLOWING;
        stand();
    }

    private synchronized void stand() {
        if (!running) {
            return;
        }
        var config = new LeaderElectionConfigBuilder()
                .withName(properties.leaseName())
                .withLock(new LeaseLock(namespace, properties.leaseName(), identity))
                .withLeaseDuration(properties.leaseDuration())
                .withRenewDeadline(properties.renewDeadline())
                .withRetryPeriod(properties.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(
                        () -> {
                            log.info("{} leads (Lease {}/{})", identity, namespace, properties.leaseName());
                            lead();
                        },
                        () -> {
                            log.info("{} stopped leading; scale loops stop, replicas stay as they are", identity);
                            follow();
                        },
                        leader -> log.debug("The leader is now {}", leader)))
                .build();
        CompletableFuture<?> future = client.leaderElector().withConfig(config).build().start();
        election = future;
        // The elector ends once leadership is lost (or on an unexpected error); stand again, one retry period later,
        // unless this replica is shutting down.
        future.whenComplete((ignored, failure) -> {
            if (running && !future.isCancelled()) {
                if (failure != null) {
                    log.warn("Leader election for {} ended with {}; standing again in {}", identity, failure.toString(),
                            properties.retryPeriod());
                }
                CompletableFuture.delayedExecutor(properties.retryPeriod().toMillis(), TimeUnit.MILLISECONDS).execute(this::stand);
            }
        });
    }

    @Override
    public synchronized void stop() {
        running = false;
        CompletableFuture<?> current = election;
        if (current != null) {
            current.cancel(true);
        }
        loops.forEach(LeaderWork::stopAll);
        standing = Standing.NOT_STARTED;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * After the operator (which registers loops and whose start waits for its informers to sync), and stopped
     * before it: a replica stands for election only with a synced cache. Below {@code DEFAULT_PHASE} (the largest
     * int, so anything above it would wrap round to the first phase), above the web servers' graceful shutdown.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }
}
