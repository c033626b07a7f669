package dev.tide.controller.sharding;

import dev.tide.controller.config.LeaderWork;
import dev.tide.controller.kube.ObjectKey;
import java.util.Set;

/** Loops that run per object (the scale loops, the job loops) and follow {@link Ownership} when sharded. */
public interface ShardedWork extends LeaderWork {

    /** The kind of object, as the diagnostics endpoint names it ({@code ScaledObject}, {@code ScaledJob}). */
    String kind();

    /** The membership changed: start the loops of the objects this replica now drives, stop the others'. */
    void rebalance();

    /** Every object registered on this replica (every replica registers every object it reconciles). */
    Set<ObjectKey> registered();

    /** The objects whose loops run on this replica now. */
    Set<ObjectKey> driven();
}
