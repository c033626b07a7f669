package dev.tide.controller.sharding;

import dev.tide.controller.kube.ObjectKey;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Optional;

/**
 * Rendezvous (highest random weight) hashing: an object belongs to the member with the highest score for the pair
 * (member, object). Every replica that knows the same members computes the same owner, with no table to share; when a
 * member joins it takes about 1/n of the objects from the others, when one leaves only its objects move.
 */
final class Rendezvous {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Rendezvous() {
    }

    /** The owner of the object among the members; empty when there is no member. Ties go to the smaller identity. */
    static Optional<String> owner(ObjectKey key, Collection<String> members) {
        String best = null;
        long bestScore = 0;
        long object = fnv(FNV_OFFSET, key.namespace() + "/" + key.name());
        for (String member : members) {
            long score = score(member, object);
            if (best == null || Long.compareUnsigned(score, bestScore) > 0
                    || (score == bestScore && member.compareTo(best) < 0)) {
                best = member;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    /** FNV-1a over the member's name continued from the object's hash, then MurmurHash3's finaliser to spread the bits. */
    static long score(String member, long objectHash) {
        return mix(fnv(objectHash ^ 0x9e3779b97f4a7c15L, member));
    }

    private static long fnv(long seed, String text) {
        long hash = seed;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash;
    }

    private static long mix(long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
