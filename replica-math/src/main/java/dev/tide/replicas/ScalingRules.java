package dev.tide.replicas;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code HPAScalingRules}: the stabilization window and rate limits for one direction.
 *
 * @param stabilizationWindow how far back recommendations are considered (0 to 1 h)
 * @param selectPolicy which policy limits the change
 * @param policies the rate limits; at least one unless scaling is {@link SelectPolicy#DISABLED}
 */
public record ScalingRules(Duration stabilizationWindow, SelectPolicy selectPolicy, List<ScalingPolicy> policies) {

    private static final Duration FIFTEEN_SECONDS = Duration.ofSeconds(15);

    public ScalingRules {
        Objects.requireNonNull(stabilizationWindow, "stabilizationWindow");
        Objects.requireNonNull(selectPolicy, "selectPolicy");
        policies = List.copyOf(policies);
        if (stabilizationWindow.isNegative() || stabilizationWindow.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("a stabilization window must be 0 s to 3600 s, got " + stabilizationWindow);
        }
        if (policies.isEmpty() && selectPolicy != SelectPolicy.DISABLED) {
            throw new IllegalArgumentException("at least one scaling policy is needed unless selectPolicy is Disabled");
        }
    }

    /**
     * Kubernetes' default for scale-up ({@code GenerateHPAScaleUpRules}): no window, and the larger of 4 pods or
     * 100 % per 15 s.
     */
    public static ScalingRules defaultScaleUp() {
        return new ScalingRules(Duration.ZERO, SelectPolicy.MAX,
                List.of(ScalingPolicy.pods(4, FIFTEEN_SECONDS), ScalingPolicy.percent(100, FIFTEEN_SECONDS)));
    }

    /**
     * Kubernetes' default for scale-down ({@code GenerateHPAScaleDownRules}): a 300 s window (the
     * {@code --horizontal-pod-autoscaler-downscale-stabilization} default) and 100 % per 15 s.
     */
    public static ScalingRules defaultScaleDown() {
        return new ScalingRules(Duration.ofSeconds(300), SelectPolicy.MAX,
                List.of(ScalingPolicy.percent(100, FIFTEEN_SECONDS)));
    }

    /** The same rules with another select policy. */
    public ScalingRules withSelectPolicy(SelectPolicy select) {
        return new ScalingRules(stabilizationWindow, select, policies);
    }

    /** The longest policy period: scale events older than this no longer matter. */
    Duration longestPeriod() {
        return policies.stream().map(ScalingPolicy::period).max(Duration::compareTo).orElse(Duration.ZERO);
    }
}
