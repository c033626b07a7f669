package dev.tide.keda.api;

/**
 * A ScaledObject cannot be reconciled as written, or a resource it names is missing. The message becomes the
 * Ready=False condition and a ScaledObjectCheckFailed event: KEDA's summary, a colon, then what exactly is wrong,
 * naming objects and keys but never a value read from a Secret.
 */
public final class CheckFailedException extends RuntimeException {

    public CheckFailedException(String summary, String detail) {
        super(summary + ": " + detail, null, false, false);
    }

    /** KEDA's summaries, shown before the colon. */
    public static final String TARGET = "ScaledObject doesn't have correct scaleTargetRef specification";
    public static final String TARGET_NOT_SET = "ScaledObject.spec.scaleTargetRef is not set";
    public static final String REPLICAS = "ScaledObject doesn't have correct Idle/Min/Max Replica Counts specification";
    public static final String TRIGGERS = "ScaledObject doesn't have correct triggers specification";
    public static final String HPA = "Failed to ensure HPA is correctly created for ScaledObject";
    public static final String PAUSE = "Failed to pause ScaledObject";
    /** Tide's summary for spec fields KEDA's own checks do not cover (bounds, names, sizes). */
    public static final String SPEC = "ScaledObject doesn't have a correct specification";
}
