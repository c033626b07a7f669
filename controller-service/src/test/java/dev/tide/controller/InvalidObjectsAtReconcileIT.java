package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tide.keda.api.Condition;
import org.junit.jupiter.api.Test;

/**
 * Objects that reach the cluster without the webhook (created before it, or while it was off) are judged by the same
 * validator when reconciled: Ready=False with the rule's message, and nothing acted on.
 */
class InvalidObjectsAtReconcileIT extends ReconcilerTestSupport {

    @Test
    void anInvalidScaledObjectIsNotReadyAndNothingIsScaledOrCreated() {
        String namespace = "invalid-at-reconcile";
        apply(namespace, appWithConnection(3) + scaledObject("", "minReplicaCount: 10\nmaxReplicaCount: 5", QUEUE_TRIGGER));

        Condition ready = awaitCondition(namespace, "so", "Ready", "False");

        assertThat(ready.message()).isEqualTo("ScaledObject doesn't have correct Idle/Min/Max Replica Counts specification:"
                + " MinReplicaCount=10 must be less than MaxReplicaCount=5");
        assertThat(hpa(namespace, "keda-hpa-so")).isNull();
        assertThat(replicas(namespace, "app")).isEqualTo(3);
    }

    @Test
    void ofTwoScaledObjectsOnOneWorkloadTheLaterIsRefusedAndTheFirstKeepsWorking() {
        String namespace = "duplicate-at-reconcile";
        apply(namespace, appWithConnection(1) + scaledObject("", "", QUEUE_TRIGGER));
        awaitCondition(namespace, "so", "Ready", "True");
        awaitHpa(namespace, "keda-hpa-so");

        apply(namespace, scaledObject("", "", QUEUE_TRIGGER).replace("name: so", "name: later"));

        assertThat(awaitCondition(namespace, "later", "Ready", "False").message())
                .endsWith("the workload 'app' of type 'apps/v1.Deployment' is already managed by the ScaledObject 'so'");
        assertThat(hpa(namespace, "keda-hpa-later")).isNull();
        await().during(java.time.Duration.ofSeconds(2)).atMost(WAIT)
                .until(() -> condition(namespace, "so", "Ready").map(c -> "True".equals(c.status())).orElse(false));
    }

    @Test
    void aWorkloadScaledByAnHpaOfItsOwnIsNotTakenOver() {
        String namespace = "foreign-hpa-at-reconcile";
        apply(namespace, appWithConnection(2) + """
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata:
                  name: team-hpa
                spec:
                  scaleTargetRef:
                    apiVersion: apps/v1
                    kind: Deployment
                    name: app
                  minReplicas: 2
                  maxReplicas: 4
                ---
                """ + scaledObject("", "", QUEUE_TRIGGER));

        assertThat(awaitCondition(namespace, "so", "Ready", "False").message())
                .endsWith("the workload 'app' of type 'apps/v1.Deployment' is already managed by the hpa 'team-hpa'");
        assertThat(hpa(namespace, "keda-hpa-so")).isNull();
        assertThat(hpa(namespace, "team-hpa").getSpec().getMaxReplicas()).isEqualTo(4);
    }
}
