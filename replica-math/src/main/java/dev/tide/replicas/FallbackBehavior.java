package dev.tide.replicas;

import dev.tide.scaler.api.params.ParameterValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code spec.fallback.behavior} of a ScaledObject: which replica count KEDA serves once a trigger has failed more
 * than {@code failureThreshold} times in a row.
 */
public enum FallbackBehavior implements ParameterValue {
    /** Always {@code fallback.replicas}. The CRD default. */
    STATIC("static"),
    /** Whatever the target runs now: hold steady. */
    CURRENT_REPLICAS("currentReplicas"),
    /** The larger of the current count and {@code fallback.replicas}: never scale in on failure. */
    CURRENT_REPLICAS_IF_HIGHER("currentReplicasIfHigher"),
    /** The smaller of the current count and {@code fallback.replicas}: never scale out on failure. */
    CURRENT_REPLICAS_IF_LOWER("currentReplicasIfLower"),
    /**
     * No replica count: the failing trigger's value becomes a placeholder ({@code -1}) that the scaling-modifiers
     * formula can replace with {@code ??}.
     */
    SCALING_MODIFIERS("scalingModifiers");

    private final String spelling;

    FallbackBehavior(String spelling) {
        this.spelling = spelling;
    }

    @Override
    public String parameterValue() {
        return spelling;
    }

    /**
     * The behavior a ScaledObject spells; empty for a spelling KEDA's CRD does not allow. An absent or empty field is
     * {@link #STATIC}, the CRD default.
     */
    public static Optional<FallbackBehavior> fromSpelling(String spelling) {
        if (spelling == null || spelling.isEmpty()) {
            return Optional.of(STATIC);
        }
        return Arrays.stream(values()).filter(b -> b.spelling.equals(spelling)).findFirst();
    }

    /**
     * Whether the target's current replica count must be read first. KEDA reads it for every behavior but static
     * and scalingModifiers, and gives up on the fallback (returning the scaler's error) when that read fails.
     */
    public boolean needsCurrentReplicas() {
        return this == CURRENT_REPLICAS || this == CURRENT_REPLICAS_IF_HIGHER || this == CURRENT_REPLICAS_IF_LOWER;
    }

    /**
     * The replica count to fall back to (KEDA's {@code doFallback}); empty for {@link #SCALING_MODIFIERS}, which
     * substitutes a placeholder value instead. No special case for 0 current replicas: {@code currentReplicas}
     * falls back to 0 and {@code currentReplicasIfLower} to 0 as well.
     *
     * @param fallbackReplicas {@code spec.fallback.replicas}
     * @param currentReplicas the target's current count; ignored by {@link #STATIC}
     */
    public OptionalInt replicas(int fallbackReplicas, int currentReplicas) {
        if (fallbackReplicas < 0 || currentReplicas < 0) {
            throw new IllegalArgumentException("replica counts cannot be negative: fallback " + fallbackReplicas
                    + ", current " + currentReplicas);
        }
        return switch (this) {
            case STATIC -> OptionalInt.of(fallbackReplicas);
            case CURRENT_REPLICAS -> OptionalInt.of(currentReplicas);
            case CURRENT_REPLICAS_IF_HIGHER -> OptionalInt.of(Math.max(currentReplicas, fallbackReplicas));
            case CURRENT_REPLICAS_IF_LOWER -> OptionalInt.of(Math.min(currentReplicas, fallbackReplicas));
            case SCALING_MODIFIERS -> OptionalInt.empty();
        };
    }
}
