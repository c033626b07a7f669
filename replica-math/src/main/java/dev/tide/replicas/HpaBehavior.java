package dev.tide.replicas;

import java.util.Objects;

/**
 * {@code spec.behavior} of an HPA, with Kubernetes' defaults filled in (an HPA without behavior, as KEDA creates
 * it unless {@code advanced.horizontalPodAutoscalerConfig.behavior} is set, gets {@link #DEFAULT}).
 */
public record HpaBehavior(ScalingRules scaleUp, ScalingRules scaleDown) {

    /** What the API server stores for an HPA without {@code behavior}. */
    public static final HpaBehavior DEFAULT = new HpaBehavior(ScalingRules.defaultScaleUp(), ScalingRules.defaultScaleDown());

    public HpaBehavior {
        Objects.requireNonNull(scaleUp, "scaleUp");
        Objects.requireNonNull(scaleDown, "scaleDown");
    }

    public HpaBehavior withScaleUp(ScalingRules rules) {
        return new HpaBehavior(rules, scaleDown);
    }

    public HpaBehavior withScaleDown(ScalingRules rules) {
        return new HpaBehavior(scaleUp, rules);
    }
}
