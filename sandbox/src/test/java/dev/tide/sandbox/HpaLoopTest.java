package dev.tide.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.replicas.HpaBehavior;
import dev.tide.replicas.ScalingPolicy;
import dev.tide.replicas.SelectPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehaviorBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HpaLoopTest {

    @Test
    void anHpaWithoutBehaviorGetsKubernetesDefaults() {
        assertThat(HpaLoop.behavior(null)).isEqualTo(HpaBehavior.DEFAULT);
    }

    @Test
    void fillsWhatABehaviorLeavesOutWithKubernetesDefaults() {
        HpaBehavior behavior = HpaLoop.behavior(new HorizontalPodAutoscalerBehaviorBuilder()
                .withNewScaleDown().withStabilizationWindowSeconds(10).endScaleDown()
                .withNewScaleUp().withSelectPolicy("Min").addNewPolicy().withType("Pods").withValue(2)
                .withPeriodSeconds(30).endPolicy().endScaleUp()
                .build());

        assertThat(behavior.scaleDown().stabilizationWindow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(behavior.scaleDown().policies()).isEqualTo(HpaBehavior.DEFAULT.scaleDown().policies());
        assertThat(behavior.scaleUp().stabilizationWindow()).isZero();
        assertThat(behavior.scaleUp().selectPolicy()).isEqualTo(SelectPolicy.MIN);
        assertThat(behavior.scaleUp().policies()).containsExactly(ScalingPolicy.pods(2, Duration.ofSeconds(30)));
    }
}
