package dev.tide.controller.sharding;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * This replica's membership: every renew period it renews its own member Lease, lists the members, works out which
 * are live, publishes the new {@link MemberView} to {@link Ownership} and, when the members or its own standing
 * changed, has the loops rebalance.
 *
 * <p>Liveness is judged as fabric8's leader elector judges a leader: by when this replica last saw a member's Lease
 * change, on its own clock, never by the renew time another clock wrote. A member whose Lease is deleted (a graceful
 * stop, after its loops stopped) is gone at once. The Lease of a member that died without giving it up (a node lost)
 * is deleted by the live members once it has not changed for {@value #STALE_AFTER_LEASE_DURATIONS} lease durations,
 * so that replicas that came and went under changing pod names leave nothing behind.
 */
public final class Membership implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Membership.class);

    /** How many lease durations a member Lease may stand unchanged before the live members delete it. */
    static final int STALE_AFTER_LEASE_DURATIONS = 10;

    private final MemberLeases leases;
    private final ShardingProperties properties;
    private final String identity;
    private final Clock clock;
    private final Ownership ownership;
    private final List<ShardedWork> work;
    private final Map<String, Observed> observed = new HashMap<>();
    private ScheduledExecutorService ticker;
    private volatile Instant joinedAt;
    private Standing lastStanding;
    private List<String> lastMembers = List.of();
    private boolean failing;
    private volatile boolean running;

    private record Observed(String version, Instant since) {
    }

    /** The member Lease is {@code <group>-member-<identity>} in the namespace, labelled with the group. */
    public static Membership create(KubernetesClient client, String namespace, String group, String identity,
            ShardingProperties properties, Clock clock, Ownership ownership, List<ShardedWork> work) {
        return new Membership(new MemberLeases(client, namespace, group, properties.leaseDuration()), properties, identity, clock,
                ownership, work);
    }

    Membership(MemberLeases leases, ShardingProperties properties, String identity, Clock clock, Ownership ownership,
            List<ShardedWork> work) {
        this.leases = leases;
        this.properties = properties;
        this.identity = identity;
        this.clock = clock;
        this.ownership = ownership;
        this.work = List.copyOf(work);
    }

    /** Where this replica stands: the readiness group reads it. */
    public enum Standing implements ReplicaReadiness {
        NOT_STARTED,
        /** Its Lease is new: the replicas that drove its objects may still drive them; it drives nothing yet. */
        JOINING,
        /** Lease valid: drives the objects that hash to it. */
        DRIVING,
        /** Its Lease could not be renewed in time: it drives nothing until a renewal succeeds. */
        LAPSED;

        @Override
        public boolean ready() {
            return this == DRIVING;
        }
    }

    public String identity() {
        return identity;
    }

    public Standing standing() {
        if (!running) {
            return Standing.NOT_STARTED;
        }
        return switch (ownership.view().orElse(MemberView.fenced(identity)).activity(clock.instant())) {
            case DRIVE -> Standing.DRIVING;
            case WARMING_UP -> Standing.JOINING;
            default -> joinedAt == null ? Standing.JOINING : Standing.LAPSED;
        };
    }

    @Override
    public synchronized void start() {
        running = true;
        ownership.assign(MemberView.fenced(identity));
        work.forEach(ShardedWork::startAll);
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tide-membership");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::tick, 0, properties.renewPeriod().toMillis(), TimeUnit.MILLISECONDS);
        log.info("{} joins the controller members (Lease {}/{}); it drives its share after {}", identity, leases.namespace(),
                leases.leaseName(identity), properties.leaseDuration());
    }

    /** One renewal: synchronized with {@link #stop()}, so that nothing renews after the Lease was given up. */
    synchronized void tick() {
        if (!running) {
            return;
        }
        Instant started = clock.instant();
        try {
            leases.renew(identity, started);
            if (joinedAt == null) {
                joinedAt = clock.instant();
            }
            List<String> live = live(leases.list(), clock.instant());
            ownership.assign(new MemberView(identity, started.plus(properties.renewDeadline()),
                    joinedAt.plus(properties.leaseDuration()), live));
            if (failing) {
                log.info("{} renewed its member Lease again", identity);
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("{} could not renew its member Lease or list the members ({}); it stops driving its objects {} after"
                        + " its last renewal unless a retry succeeds", identity, e.toString(), properties.renewDeadline());
                failing = true;
            }
        }
        rebalanceOnChange();
    }

    /** The members whose Lease this replica has seen change within their lease duration, itself included. */
    private List<String> live(List<MemberLeases.Member> members, Instant now) {
        Map<String, Observed> seen = new HashMap<>();
        List<String> live = new ArrayList<>();
        live.add(identity);
        for (MemberLeases.Member member : members) {
            if (member.identity().equals(identity)) {
                continue;
            }
            Observed before = observed.get(member.identity());
            Observed current = before != null && before.version().equals(member.version()) ? before : new Observed(member.version(), now);
            seen.put(member.identity(), current);
            if (now.isBefore(current.since().plus(member.leaseDuration()))) {
                live.add(member.identity());
            } else if (!now.isBefore(current.since().plus(member.leaseDuration().multipliedBy(STALE_AFTER_LEASE_DURATIONS)))) {
                log.info("{} deletes the member Lease of {}, unchanged for {} lease durations", identity, member.identity(),
                        STALE_AFTER_LEASE_DURATIONS);
                leases.removeStale(member);
                seen.remove(member.identity());
            }
        }
        observed.clear();
        observed.putAll(seen);
        return live;
    }

    private void rebalanceOnChange() {
        Standing standing = standing();
        List<String> members = ownership.view().map(MemberView::members).orElse(List.of());
        if (standing == lastStanding && Objects.equals(members, lastMembers)) {
            return;
        }
        if (!Objects.equals(members, lastMembers)) {
            log.info("Controller members now {} ({} is {})", members, identity, standing.name().toLowerCase(java.util.Locale.ROOT));
        }
        lastStanding = standing;
        lastMembers = members;
        for (ShardedWork loops : work) {
            try {
                loops.rebalance();
            } catch (RuntimeException e) {
                log.warn("Rebalancing the {} loops failed; the next renewal retries ({})", loops.kind(), e.toString());
                lastStanding = null;
            }
        }
    }

    /** Stops driving first, then gives the Lease up: the others take over only once nothing here writes any more. */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        ticker.shutdownNow();
        ownership.assign(MemberView.fenced(identity));
        work.forEach(ShardedWork::stopAll);
        try {
            leases.release(identity);
        } catch (RuntimeException e) {
            log.warn("{} could not delete its member Lease ({}); the others take its objects when it expires", identity,
                    e.toString());
        }
        joinedAt = null;
        lastStanding = null;
        lastMembers = List.of();
        observed.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** As leader election: after the operator has synced its informers and registered the loops, stopped before it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }
}
