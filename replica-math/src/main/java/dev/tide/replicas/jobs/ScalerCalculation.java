package dev.tide.replicas.jobs;

import java.util.Arrays;
import java.util.Locale;

/** {@code scalingStrategy.multipleScalersCalculation}: how the queues of several triggers combine. */
public enum ScalerCalculation {
    /** The active trigger with the longest queue; KEDA's default, and what any unknown spelling means. */
    MAX,
    /** The active trigger with the shortest queue. */
    MIN,
    /** The mean over the active triggers. */
    AVG,
    /** The sum over the active triggers. */
    SUM;

    /** The calculation a ScaledJob spells; empty, absent or unknown is {@link #MAX}, as in KEDA's switch. */
    public static ScalerCalculation fromSpelling(String spelling) {
        return Arrays.stream(values()).filter(c -> c.name().toLowerCase(Locale.ROOT).equals(spelling)).findFirst().orElse(MAX);
    }
}
