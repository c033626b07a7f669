package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tide.keda.api.ScaledObject;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Any kind with a /scale subresource is a scale target: found through discovery, scaled through /scale. */
class CustomScaleTargetIT extends ReconcilerTestSupport {

    private static final ResourceDefinitionContext WORKERS = new ResourceDefinitionContext.Builder()
            .withGroup("games.example.com").withVersion("v1").withKind("Worker").withPlural("workers").withNamespaced(true).build();

    @Test
    void customResourceWithScaleSubresourceIsTargetedPausedAndRestored() {
        registerWorkerKind();
        String ns = "custom-target";
        apply(ns, """
                apiVersion: games.example.com/v1
                kind: Worker
                metadata:
                  name: matchmaker
                spec:
                  replicas: 2
                  template:
                    spec:
                      containers:
                      - name: main
                        image: matchmaker
                        env:
                        - name: CONNECTION
                          value: %s
                ---
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: so
                spec:
                  scaleTargetRef:
                    apiVersion: games.example.com/v1
                    kind: Worker
                    name: matchmaker
                  advanced:
                    restoreToOriginalReplicaCount: true
                  triggers:
                  - type: azure-queue
                    metadata:
                      queueName: matches
                      connectionFromEnv: CONNECTION
                """.formatted(DEV_STORAGE));

        awaitCondition(ns, "so", "Ready", "True");
        var status = scaledObject(ns, "so").getStatus();
        assertThat(status.getScaleTargetKind()).isEqualTo("games.example.com/v1.Worker");
        assertThat(status.getScaleTargetGVKR().resource()).isEqualTo("workers");
        assertThat(status.getOriginalReplicaCount()).isEqualTo(2);
        assertThat(hpa(ns, "keda-hpa-so").getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("games.example.com/v1");

        CLIENT.resources(ScaledObject.class).inNamespace(ns).withName("so")
                .edit(so -> {
                    so.getMetadata().setAnnotations(Map.of("autoscaling.keda.sh/paused-replicas", "6"));
                    return so;
                });
        await().atMost(WAIT).until(() -> workerReplicas(ns) == 6);

        CLIENT.resources(ScaledObject.class).inNamespace(ns).withName("so").delete();
        await().atMost(WAIT).until(() -> workerReplicas(ns) == 2);
    }

    private static int workerReplicas(String ns) {
        GenericKubernetesResource worker = CLIENT.genericKubernetesResources(WORKERS).inNamespace(ns).withName("matchmaker").get();
        return ((Number) ((Map<?, ?>) worker.getAdditionalProperties().get("spec")).get("replicas")).intValue();
    }

    private static void registerWorkerKind() {
        MockCluster.SERVER.expect().get().withPath("/apis/games.example.com/v1")
                .andReturn(200, new APIResourceListBuilder().withGroupVersion("games.example.com/v1")
                        .addToResources(new APIResourceBuilder().withName("workers").withKind("Worker").withNamespaced(true).build())
                        .addToResources(new APIResourceBuilder().withName("workers/scale").withKind("Scale").withGroup("autoscaling")
                                .withVersion("v1").withNamespaced(true).build())
                        .build())
                .always();
        CLIENT.apiextensions().v1().customResourceDefinitions().resource(CLIENT.getKubernetesSerialization().unmarshal("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: workers.games.example.com
                spec:
                  group: games.example.com
                  scope: Namespaced
                  names: {kind: Worker, plural: workers, singular: worker}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        x-kubernetes-preserve-unknown-fields: true
                    subresources:
                      scale:
                        specReplicasPath: .spec.replicas
                        statusReplicasPath: .status.replicas
                """, CustomResourceDefinition.class)).create();
    }
}
