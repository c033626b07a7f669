package dev.tide.controller.leader;

import dev.tide.controller.config.LeaderWork;
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

    @Override
    public void start() {
        running = true;
        if (!scaling) {
            log.info("Scale loops are off (tide.controller.scale-loops.enabled=false): this replica only reconciles");
            return;
        }
        if (!properties.enabled()) {
            log.info("Leader election is off: this replica runs every scale loop");
            loops.forEach(LeaderWork::startAll);
            return;
        }
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
                            loops.forEach(LeaderWork::startAll);
                        },
                        () -> {
                            log.info("{} stopped leading; scale loops stop, replicas stay as they are", identity);
                            loops.forEach(LeaderWork::stopAll);
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
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the operator (which registers loops) has started, and stopped before it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE + 100;
    }
}
