package dev.tide.controller.sharding;

import dev.tide.controller.kube.ObjectKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one replica knows of the membership after a renewal of its own member Lease, and the fencing decision it takes
 * from that: a pure function of this record, the object and the time on the replica's own clock.
 *
 * <p>Why two replicas never drive one object: this replica drives only before {@code validUntil} (the start of its
 * last successful renewal plus the renew deadline), while another replica counts its Lease live until a full lease
 * duration after it last saw that Lease change, which it cannot have seen before the renewal started. A replica that
 * joins drives nothing before {@code drivingFrom} (a lease duration after its Lease was created): by then every other
 * replica still driving has renewed, and listed the members, after the newcomer's Lease existed, so their hashes agree.
 *
 * @param self this replica's identity
 * @param validUntil when this replica must stop driving unless it renews again
 * @param drivingFrom when a replica that has just joined may start driving
 * @param members the live members' identities (this replica's included), sorted
 */
public record MemberView(String self, Instant validUntil, Instant drivingFrom, List<String> members) {

    /** A view in which this replica drives nothing: before its first renewal and after it has stopped. */
    static MemberView fenced(String self) {
        return new MemberView(self, Instant.EPOCH, Instant.MAX, List.of());
    }

    public MemberView {
        members = members.stream().distinct().sorted().toList();
    }

    /** The verdicts, one per reason a replica drives an object or does not. */
    public enum Verdict {
        /** Owned, Lease valid, warmed up: run the object's loop and answer its metrics. */
        DRIVE,
        /** Another live member owns it. */
        NOT_OWNER,
        /** This replica's Lease was not renewed in time (or it has stopped): it must not write anything. */
        LEASE_LAPSED,
        /** Just joined: the replicas that owned its objects before may still drive them. */
        WARMING_UP
    }

    /** The verdict on one object, with its owner by the hash (empty while no member is known). */
    public record Decision(Verdict verdict, Optional<String> owner) {

        public boolean drives() {
            return verdict == Verdict.DRIVE;
        }
    }

    public Decision decide(ObjectKey key, Instant now) {
        Optional<String> owner = Rendezvous.owner(key, members);
        if (owner.isEmpty() || !owner.get().equals(self)) {
            return new Decision(Verdict.NOT_OWNER, owner);
        }
        return new Decision(activity(now), owner);
    }

    /** Whether this replica may drive at all now, whichever objects it owns: DRIVE, LEASE_LAPSED or WARMING_UP. */
    public Verdict activity(Instant now) {
        if (!now.isBefore(validUntil)) {
            return Verdict.LEASE_LAPSED;
        }
        return now.isBefore(drivingFrom) ? Verdict.WARMING_UP : Verdict.DRIVE;
    }
}
