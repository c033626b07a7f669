package dev.tide.keda.api.validation;

/** When an object is checked; a few rules behave differently, as KEDA's do. */
public enum Occasion {
    /** A create or update reaching the webhook. */
    ADMISSION,
    /** A server-side dry run: the workload may not exist yet, so the cpu/memory rule is skipped, as in KEDA. */
    ADMISSION_DRY_RUN,
    /**
     * A reconcile of a stored object. Of two ScaledObjects that claim one workload (or one HPA name), only the one
     * created later is refused, so the first keeps working; a missing workload is left to the reconciler's own check.
     */
    RECONCILE,
    /** {@code tide lint}: the other objects are those in the files given. */
    LINT
}
