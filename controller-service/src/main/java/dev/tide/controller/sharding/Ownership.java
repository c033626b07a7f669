package dev.tide.controller.sharding;

import dev.tide.controller.kube.ObjectKey;
import java.time.Clock;
import java.util.Optional;

/**
 * Which ScaledObjects and ScaledJobs this replica drives. Without sharding (one replica, or leader election) it drives
 * every object it has registered, and whether it leads is the loops' own business; with sharding, only those the
 * latest {@link MemberView} assigns it, and only while that view says its Lease is valid (checked on the replica's
 * clock at every call, so a replica whose renewals stall stops writing without waiting for its next renewal attempt).
 */
public final class Ownership {

    private final Clock clock;
    private volatile Optional<MemberView> view = Optional.empty();

    public Ownership(Clock clock) {
        this.clock = clock;
    }

    public boolean sharded() {
        return view.isPresent();
    }

    public boolean drives(ObjectKey key) {
        Optional<MemberView> current = view;
        return current.isEmpty() || current.get().decide(key, clock.instant()).drives();
    }

    /** The sharded decision on one object; empty without sharding. */
    public Optional<MemberView.Decision> decide(ObjectKey key) {
        return view.map(v -> v.decide(key, clock.instant()));
    }

    /** Whether this replica may drive its objects at all now (always, without sharding). */
    public boolean active() {
        return view.map(v -> v.activity(clock.instant()) == MemberView.Verdict.DRIVE).orElse(true);
    }

    public Optional<MemberView> view() {
        return view;
    }

    /** The membership publishes each new view here (tests too, to stand in for it). */
    public void assign(MemberView next) {
        view = Optional.of(next);
    }
}
