package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tide.keda.api.Condition;
import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.ScaledObjectStatus;
import dev.tide.keda.api.TriggerAuthentication;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Plays docs/migrating-from-keda.md on a mock API server of its own: the cluster starts as KEDA left it (KEDA's own
 * CRDs from {@code src/test/resources/keda/}, ScaledObjects with KEDA's finalizer and status, KEDA's HPAs, KEDA's
 * operator and webhook configuration), KEDA goes with its CRDs kept, Tide's chart adopts the CRDs, and only then does
 * the controller start. Nothing may be deleted or duplicated on the way.
 */
@SpringBootTest(classes = {TideControllerApplication.class, MigrationFromKedaIT.Beans.class}, properties = {
        "tide.controller.cluster-object-namespace=tide-system",
        "tide.controller.retry-initial-interval=200ms",
        "tide.controller.retry-max-interval=1s",
        // The reconciler's part of the hand-over; the scale loops read the same ScaledObjects (ScalingIT and others).
        "tide.controller.scale-loops.enabled=false",
        "tide.webhooks.enabled=false",
        "server.port=0", "management.server.port=0"})
class MigrationFromKedaIT {

    private static final String NS = "shop";
    private static final List<String> SCALED_OBJECTS = List.of("orders", "invoices");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Map<ServerRequest, Queue<ServerResponse>> EXPECTATIONS = new HashMap<>();
    /** CRUD mode (no expectations are set), apart from MockCluster's so that the controller starts on KEDA's cluster. */
    private static final KubernetesMockServer SERVER = new KubernetesMockServer(new Context(), new MockWebServer(), EXPECTATIONS,
            new KubernetesMixedDispatcher(EXPECTATIONS), false);
    static final NamespacedKubernetesClient CLIENT = MockCluster.startEmpty(SERVER);
    /** The uid of each HPA as KEDA created it. */
    private static final Map<String, String> KEDA_HPA_UIDS = new HashMap<>();

    static {
        clusterAsKedaLeftIt();
        removeKedaKeepingItsCrds();
        installTideCrdsByAdoption();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Beans {
        /** Reading {@link #CLIENT} runs the steps above before the controller starts. */
        @Bean
        @Primary
        KubernetesClient migratedClusterClient() {
            return CLIENT;
        }
    }

    @Test
    void everyScaledObjectKedaLeftIsReconciledReadyAndKeepsItsHpa() {
        for (String name : SCALED_OBJECTS) {
            // Tide has reconciled it once the HPA carries the maximum edited while no operator ran.
            await().atMost(WAIT).untilAsserted(() -> assertThat(hpa(name).getSpec().getMaxReplicas()).isEqualTo(7));
            Condition ready = await().atMost(WAIT).until(() -> condition(name, "Ready"), c -> c != null && "True".equals(c.status()));
            assertThat(ready.reason()).isEqualTo("ScaledObjectReady");

            ScaledObject so = CLIENT.resources(ScaledObject.class).inNamespace(NS).withName(name).get();
            assertThat(so.getMetadata().getFinalizers()).containsExactly("finalizer.keda.sh");
            assertThat(so.getStatus().getHpaName()).isEqualTo("keda-hpa-" + name);
            // KEDA's HPA is the one Tide keeps: same object (uid), rewritten in place, never deleted and created again.
            HorizontalPodAutoscaler hpa = hpa(name);
            assertThat(hpa.getMetadata().getUid()).isEqualTo(KEDA_HPA_UIDS.get(name));
            assertThat(hpa.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(ref -> assertThat(ref.getUid()).isEqualTo(so.getMetadata().getUid()));
        }
        assertThat(CLIENT.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).list().getItems())
                .extracting(h -> h.getMetadata().getName()).containsExactlyInAnyOrder("keda-hpa-orders", "keda-hpa-invoices");
        assertThat(CLIENT.resources(TriggerAuthentication.class).inNamespace(NS).withName("queue-auth").get()).isNotNull();
    }

    @Test
    void theCrdsAreTidesNowAndKeptOnUninstall() {
        for (CustomResourceDefinition crd : CLIENT.apiextensions().v1().customResourceDefinitions().list().getItems()) {
            assertThat(crd.getMetadata().getAnnotations())
                    .containsEntry("helm.sh/resource-policy", "keep")
                    .containsEntry("meta.helm.sh/release-name", "tide");
        }
        assertThat(CLIENT.apps().deployments().inNamespace("keda").list().getItems()).isEmpty();
        assertThat(CLIENT.admissionRegistration().v1().validatingWebhookConfigurations().withName("keda-admission").get()).isNull();
    }

    private static Condition condition(String name, String type) {
        ScaledObject so = CLIENT.resources(ScaledObject.class).inNamespace(NS).withName(name).get();
        return so == null || so.getStatus() == null ? null : so.getStatus().condition(type).orElse(null);
    }

    private static HorizontalPodAutoscaler hpa(String name) {
        return CLIENT.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("keda-hpa-" + name).get();
    }

    /** KEDA 2.x installed by its chart, with two ScaledObjects it reconciled. */
    private static void clusterAsKedaLeftIt() {
        for (String file : List.of("keda.sh_scaledobjects.yaml", "keda.sh_triggerauthentications.yaml", "keda.sh_clustertriggerauthentications.yaml")) {
            CustomResourceDefinition crd = CLIENT.getKubernetesSerialization().unmarshal(resource("keda/" + file), CustomResourceDefinition.class);
            crd.getMetadata().setAnnotations(new HashMap<>(Map.of("meta.helm.sh/release-name", "keda", "meta.helm.sh/release-namespace", "keda")));
            crd.getMetadata().setLabels(new HashMap<>(Map.of("app.kubernetes.io/managed-by", "Helm")));
            CLIENT.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        }
        create("keda", ReconcilerTestSupport.deployment("keda-operator", 1, "")
                + ReconcilerTestSupport.deployment("keda-operator-metrics-apiserver", 1, "")
                + ReconcilerTestSupport.deployment("keda-admission-webhooks", 1, "")
                + """
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingWebhookConfiguration
                metadata:
                  name: keda-admission
                webhooks: []
                """);
        create(NS, """
                apiVersion: keda.sh/v1alpha1
                kind: TriggerAuthentication
                metadata:
                  name: queue-auth
                spec:
                  secretTargetRef: [{parameter: password, name: queue, key: password}]
                ---
                """);
        for (String name : SCALED_OBJECTS) {
            create(NS, ReconcilerTestSupport.deployment(name, 2, "") + """
                    apiVersion: keda.sh/v1alpha1
                    kind: ScaledObject
                    metadata:
                      name: %1$s
                      finalizers: [finalizer.keda.sh]
                    spec:
                      scaleTargetRef: {name: %1$s}
                      maxReplicaCount: 7
                      triggers:
                      - type: cron
                        metadata: {timezone: Etc/UTC, start: 0 0 1 1 *, end: 1 0 1 1 *, desiredReplicas: "5"}
                    """.formatted(name));
            ScaledObject so = CLIENT.resources(ScaledObject.class).inNamespace(NS).withName(name).get();
            // KEDA's status as its operator last wrote it.
            so.setStatus(CLIENT.getKubernetesSerialization().unmarshal("""
                    scaleTargetKind: apps/v1.Deployment
                    scaleTargetGVKR: {group: apps, kind: Deployment, resource: deployments, version: v1}
                    originalReplicaCount: 2
                    hpaName: keda-hpa-%s
                    externalMetricNames: [s0-cron-Etc-UTC-00xx1-10xx1]
                    conditions:
                    - {type: Ready, status: "True", reason: ScaledObjectReady, message: ScaledObject is defined correctly and is ready for scaling}
                    - {type: Active, status: "False", reason: ScalerNotActive, message: Scaling is not performed because triggers are not active}
                    - {type: Fallback, status: "False", reason: NoFallbackFound, message: No fallbacks are active on this scaled object}
                    - {type: Paused, status: "False", reason: ScaledObjectUnpaused, message: pause annotation removed for ScaledObject}
                    """.formatted(name), ScaledObjectStatus.class));
            CLIENT.resource(so).updateStatus();
            create(NS, """
                    apiVersion: autoscaling/v2
                    kind: HorizontalPodAutoscaler
                    metadata:
                      name: keda-hpa-%1$s
                      labels:
                        app.kubernetes.io/managed-by: keda-operator
                        app.kubernetes.io/name: keda-hpa-%1$s
                        app.kubernetes.io/part-of: %1$s
                        app.kubernetes.io/version: 2.18.0
                        scaledobject.keda.sh/name: %1$s
                      ownerReferences:
                      - {apiVersion: keda.sh/v1alpha1, kind: ScaledObject, name: %1$s, uid: %2$s, controller: true, blockOwnerDeletion: true}
                    spec:
                      scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: %1$s}
                      minReplicas: 1
                      # The ScaledObject's maxReplicaCount was 3 then, and edited to 7 while no operator ran.
                      maxReplicas: 3
                      metrics:
                      - type: External
                        external:
                          metric:
                            name: s0-cron-Etc-UTC-00xx1-10xx1
                            selector: {matchLabels: {scaledobject.keda.sh/name: %1$s}}
                          target: {type: AverageValue, averageValue: "1"}
                    """.formatted(name, so.getMetadata().getUid()));
            KEDA_HPA_UIDS.put(name, hpa(name).getMetadata().getUid());
        }
    }

    /**
     * The guide's KEDA steps: its release made to keep the CRDs, the operator and webhooks scaled to 0, the webhook
     * configuration deleted, then {@code helm uninstall keda}, which deletes everything of the release except the kept
     * CRDs.
     */
    private static void removeKedaKeepingItsCrds() {
        for (CustomResourceDefinition crd : CLIENT.apiextensions().v1().customResourceDefinitions().list().getItems()) {
            crd.getMetadata().getAnnotations().put("helm.sh/resource-policy", "keep");
            CLIENT.resource(crd).update();
        }
        for (String deployment : List.of("keda-operator", "keda-admission-webhooks")) {
            CLIENT.apps().deployments().inNamespace("keda").withName(deployment).scale(0);
        }
        CLIENT.admissionRegistration().v1().validatingWebhookConfigurations().withName("keda-admission").delete();
        CLIENT.apps().deployments().inNamespace("keda").delete();
    }

    /** The chart README's adoption: CRDs annotated for Tide's release, then Tide's CRDs applied over KEDA's. */
    private static void installTideCrdsByAdoption() {
        for (CustomResourceDefinition tide : MockCluster.tideCrds(CLIENT)) {
            CustomResourceDefinition existing = CLIENT.apiextensions().v1().customResourceDefinitions().withName(tide.getMetadata().getName()).get();
            tide.getMetadata().setAnnotations(Map.of("helm.sh/resource-policy", "keep",
                    "meta.helm.sh/release-name", "tide", "meta.helm.sh/release-namespace", "tide"));
            tide.getMetadata().setLabels(Map.of("app.kubernetes.io/managed-by", "Helm"));
            if (existing == null) {
                CLIENT.resource(tide).create();
            } else {
                tide.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
                CLIENT.resource(tide).update();
            }
        }
    }

    private static void create(String namespace, String yaml) {
        for (HasMetadata item : CLIENT.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items()) {
            if (!"ValidatingWebhookConfiguration".equals(item.getKind())) {
                item.getMetadata().setNamespace(namespace);
            }
            CLIENT.resource(item).create();
        }
    }

    private static String resource(String path) {
        try (InputStream in = MigrationFromKedaIT.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
