package dev.tide.controller.sharding;

/** Where a replica stands, for the readiness group: under leader election or as a member of the shards. */
public interface ReplicaReadiness {

    boolean ready();

    String name();
}
