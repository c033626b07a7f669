package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tide.keda.api.ScaledObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** KEDA's pause annotations reconcile without a generation change: pause, pin replicas, unpause, block one direction. */
class PauseIT extends ReconcilerTestSupport {

    private static final String APP = appWithConnection(4) + scaledObject("", "minReplicaCount: 1", QUEUE_TRIGGER);

    @Test
    void pausingDeletesTheHpaAndPinsReplicasAndUnpausingBringsItBack() {
        String ns = "pause";
        apply(ns, APP);
        awaitCondition(ns, "so", "Ready", "True");
        awaitHpa(ns, "keda-hpa-so");
        int built = builtIn(ns);

        annotate(ns, Map.of("autoscaling.keda.sh/paused", "true"));

        assertThat(awaitCondition(ns, "so", "Paused", "True").reason()).isEqualTo("ScaledObjectPaused");
        await().atMost(WAIT).until(() -> hpa(ns, "keda-hpa-so") == null);
        assertThat(AZURE_QUEUE.builtIn(ns)).allMatch(b -> b.closed);
        assertThat(replicas(ns, "app")).isEqualTo(4);

        annotate(ns, Map.of("autoscaling.keda.sh/paused-replicas", "2"));

        await().atMost(WAIT).until(() -> replicas(ns, "app") == 2);
        await().atMost(WAIT).until(() -> Integer.valueOf(2).equals(scaledObject(ns, "so").getStatus().getPausedReplicaCount()));

        annotate(ns, Map.of());

        assertThat(awaitCondition(ns, "so", "Paused", "False").reason()).isEqualTo("ScaledObjectUnpaused");
        awaitHpa(ns, "keda-hpa-so");
        await().atMost(WAIT).until(() -> scaledObject(ns, "so").getStatus().getPausedReplicaCount() == null);
        assertThat(builtIn(ns)).isEqualTo(built + 1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(ns)).extracting(e -> e.getReason())
                .contains("ScaledObjectPaused", "ScaledObjectUnpaused", "KEDAScalersStopped"));
    }

    @Test
    void pausedScaleInAndOutKeepTheHpaWithTheDirectionDisabled() {
        String ns = "pause-direction";
        apply(ns, APP);
        awaitCondition(ns, "so", "Ready", "True");

        annotate(ns, Map.of("autoscaling.keda.sh/paused-scale-in", "true"));

        awaitCondition(ns, "so", "Paused", "True");
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            var behavior = hpa(ns, "keda-hpa-so").getSpec().getBehavior();
            assertThat(behavior.getScaleDown().getSelectPolicy()).isEqualTo("Disabled");
            assertThat(behavior.getScaleUp()).isNull();
        });

        annotate(ns, Map.of("autoscaling.keda.sh/paused-scale-out", "true"));

        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            var behavior = hpa(ns, "keda-hpa-so").getSpec().getBehavior();
            assertThat(behavior.getScaleUp().getSelectPolicy()).isEqualTo("Disabled");
            assertThat(behavior.getScaleDown()).isNull();
        });
        assertThat(condition(ns, "so", "Ready").orElseThrow().status()).isEqualTo("True");
    }

    private static int builtIn(String ns) {
        return AZURE_QUEUE.builtIn(ns).size();
    }

    /** Replaces the ScaledObject's annotations; the generation does not change. */
    private static void annotate(String ns, Map<String, String> annotations) {
        long generation = scaledObject(ns, "so").getMetadata().getGeneration();
        CLIENT.resources(ScaledObject.class).inNamespace(ns).withName("so").edit(so -> {
            so.getMetadata().setAnnotations(annotations);
            return so;
        });
        assertThat(scaledObject(ns, "so").getMetadata().getGeneration()).isEqualTo(generation);
    }
}
