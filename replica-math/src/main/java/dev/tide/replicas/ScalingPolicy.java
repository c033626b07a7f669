package dev.tide.replicas;

import java.time.Duration;
import java.util.Objects;

/**
 * One entry of an HPA's {@code behavior.scaleUp.policies} or {@code scaleDown.policies}: how much the replica count
 * may change within a sliding period.
 *
 * @param type whether {@code value} counts pods or a percentage of the replicas at the start of the period
 * @param value pods or percent, greater than 0 (the API server refuses 0)
 * @param period {@code periodSeconds}: 1 s to 30 min
 */
public record ScalingPolicy(Type type, int value, Duration period) {

    public ScalingPolicy {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(period, "period");
        if (value <= 0) {
            throw new IllegalArgumentException("a scaling policy's value must be greater than 0, got " + value);
        }
        if (period.compareTo(Duration.ofSeconds(1)) < 0 || period.compareTo(Duration.ofMinutes(30)) > 0) {
            throw new IllegalArgumentException("a scaling policy's period must be 1 s to 1800 s, got " + period);
        }
    }

    public static ScalingPolicy pods(int value, Duration period) {
        return new ScalingPolicy(Type.PODS, value, period);
    }

    public static ScalingPolicy percent(int value, Duration period) {
        return new ScalingPolicy(Type.PERCENT, value, period);
    }

    /** {@code HPAScalingPolicyType}. */
    public enum Type {
        PODS("Pods"),
        PERCENT("Percent");

        private final String kubernetesName;

        Type(String kubernetesName) {
            this.kubernetesName = kubernetesName;
        }

        /** The type as an HPA manifest spells it. */
        public String kubernetesName() {
            return kubernetesName;
        }
    }
}
