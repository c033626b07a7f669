package dev.tide.controller.scaling;

import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The member Leases of controller replicas that run elsewhere, created and renewed the way a replica's
 * {@code Membership} keeps its own (same names, label and durations), for {@link ShardedLoopBenchmark}'s {@code member}
 * scenario: one real replica then sees the membership of a three-replica installation while it has this machine's
 * cores to itself, as each replica of a cluster has its own.
 */
final class SimulatedMembers implements AutoCloseable {

    /** {@code MemberLeases.MEMBER_LABEL}: the replicas list the members of their group by it. */
    private static final String MEMBER_LABEL = "tide.dev/controller-member-of";

    private final KubernetesClient client;
    private final Set<String> renewing = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "simulated-members");
        thread.setDaemon(true);
        return thread;
    });

    SimulatedMembers(String url, List<String> identities, Duration lease, Duration renewPeriod) {
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(url).withTrustCerts(true)
                .build()).build();
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        for (String identity : identities) {
            client.leases().inNamespace(ShardReplica.NAMESPACE).resource(new LeaseBuilder()
                    .withNewMetadata().withName(leaseName(identity)).withNamespace(ShardReplica.NAMESPACE)
                    .addToLabels(MEMBER_LABEL, ShardReplica.GROUP).endMetadata()
                    .withNewSpec().withHolderIdentity(identity).withLeaseDurationSeconds((int) lease.toSeconds())
                    .withAcquireTime(now).withRenewTime(now).endSpec().build()).create();
            renewing.add(identity);
        }
        renewals.scheduleAtFixedRate(this::renew, renewPeriod.toMillis(), renewPeriod.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The member stops renewing, as a replica that crashed: the real replica takes its objects once its Lease expires. */
    void lose(String identity) {
        renewing.remove(identity);
    }

    private void renew() {
        for (String identity : renewing) {
            try {
                client.leases().inNamespace(ShardReplica.NAMESPACE).withName(leaseName(identity)).edit(lease -> new LeaseBuilder(lease)
                        .editSpec().withRenewTime(ZonedDateTime.now(ZoneOffset.UTC)).endSpec().build());
            } catch (RuntimeException e) {
                System.out.printf("simulated member %s: renewal failed (%s)%n", identity, e);
            }
        }
    }

    private static String leaseName(String identity) {
        return ShardReplica.GROUP + "-member-" + identity;
    }

    @Override
    public void close() {
        renewals.shutdownNow();
        client.close();
    }
}
