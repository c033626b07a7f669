package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tide.keda.api.Condition;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a ScaledObject can be wrong or point at something missing ends in Ready=False with reason
 * ScaledObjectCheckFailed, Active=Unknown, a message naming the cause (never a value) and a Warning event.
 */
class ReadyFalseReasonsIT extends ReconcilerTestSupport {

    /** One case: the objects to create in a fresh namespace and what the Ready message must contain. */
    record Case(String name, String yaml, String expectedMessage) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String APP_WITH_CONNECTION = appWithConnection(1);

    @BeforeAll
    static void aKindWithoutScaleSubresource() {
        MockCluster.SERVER.expect().get().withPath("/apis/example.com/v1")
                .andReturn(200, new APIResourceListBuilder().withGroupVersion("example.com/v1")
                        .addToResources(new APIResourceBuilder().withName("widgets").withKind("Widget").withNamespaced(true).build())
                        .build())
                .always();
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("target-missing", so("spec:\n  scaleTargetRef:\n    name: absent\n" + queueTrigger()),
                        "ScaledObject doesn't have correct scaleTargetRef specification: Target resource doesn't exist: Deployment target-missing/absent"),
                new Case("no-scale-subresource", so("spec:\n  scaleTargetRef:\n    apiVersion: example.com/v1\n    kind: Widget\n    name: w\n" + queueTrigger()),
                        "Target resource doesn't expose /scale subresource: Widget example.com/v1"),
                new Case("min-above-max", APP_WITH_CONNECTION + so(target() + "  minReplicaCount: 5\n  maxReplicaCount: 2\n" + queueTrigger()),
                        "ScaledObject doesn't have correct Idle/Min/Max Replica Counts specification: MinReplicaCount=5 must be less than MaxReplicaCount=2"),
                new Case("idle-not-below-min", APP_WITH_CONNECTION + so(target() + "  idleReplicaCount: 2\n  minReplicaCount: 2\n" + queueTrigger()),
                        "IdleReplicaCount=2 must be less than MinReplicaCount=2"),
                new Case("duplicate-trigger-names", APP_WITH_CONNECTION + so(target() + queueTrigger("a") + queueTrigger("a").replace("  triggers:\n", "")),
                        "ScaledObject doesn't have correct triggers specification: spec.triggers[1] (azure-queue \"a\").name: triggerName \"a\" is defined multiple times"),
                new Case("unknown-trigger-type", APP_WITH_CONNECTION + so(target() + "  triggers:\n  - type: rabbitmq\n    metadata:\n      queueName: q\n"),
                        "no scaler found for type: rabbitmq (known types: azure-queue, careless-queue, kafka)"),
                new Case("cached-metrics-on-cpu", APP_WITH_CONNECTION + so(target() + "  triggers:\n  - type: cpu\n    useCachedMetrics: true\n    metadata:\n      value: '50'\n"),
                        "property \"useCachedMetrics\" is not supported for \"cpu\" scaler"),
                new Case("utilization-on-external", APP_WITH_CONNECTION + so(target() + "  triggers:\n  - type: azure-queue\n    metricType: Utilization\n    metadata:\n      queueName: q\n      connectionFromEnv: CONNECTION\n"),
                        "'Utilization' metric type is unsupported for external metrics"),
                new Case("scaler-config-error", APP_WITH_CONNECTION + so(target() + "  triggers:\n  - type: azure-queue\n    metadata:\n      queueName: q\n      queueLength: many\n"),
                        "Failed to ensure HPA is correctly created for ScaledObject: spec.triggers[0] (azure-queue).metadata.queueLength: parameter \"queueLength\" value \"many\" must be an integer"),
                new Case("env-from-secret-missing", deployment("app", 1, "envFrom:\n- secretRef:\n    name: absent\n") + so(target() + queueTrigger()),
                        "Secret env-from-secret-missing/absent (envFrom of container worker of Deployment env-from-secret-missing/app) not found"),
                new Case("secret-key-ref-key-missing", secret("creds", "other", "x") + deployment("app", 1, "env:\n- name: CONNECTION\n  valueFrom:\n    secretKeyRef:\n      name: creds\n      key: connection\n") + so(target() + queueTrigger()),
                        "key connection not found in Secret secret-key-ref-key-missing/creds (env CONNECTION of container worker of Deployment secret-key-ref-key-missing/app)"),
                new Case("env-source-container-missing", APP_WITH_CONNECTION + so("spec:\n  scaleTargetRef:\n    name: app\n    envSourceContainerName: sidecar\n" + queueTrigger()),
                        "container sidecar not found in the pod template of Deployment env-source-container-missing/app"),
                new Case("trigger-authentication-missing", APP_WITH_CONNECTION + so(target() + authTrigger("TriggerAuthentication")),
                        "TriggerAuthentication trigger-authentication-missing/auth not found"),
                new Case("cluster-trigger-authentication-missing", APP_WITH_CONNECTION + so(target() + authTrigger("ClusterTriggerAuthentication")),
                        "ClusterTriggerAuthentication auth not found"),
                new Case("auth-secret-missing", APP_WITH_CONNECTION + triggerAuth("secretTargetRef") + so(target() + authTrigger("TriggerAuthentication")),
                        "Secret auth-secret-missing/storage (TriggerAuthentication auth-secret-missing/auth, parameter connection) not found"),
                new Case("auth-secret-key-missing", APP_WITH_CONNECTION + secret("storage", "other", "x") + triggerAuth("secretTargetRef") + so(target() + authTrigger("TriggerAuthentication")),
                        "key connectionString not found in Secret auth-secret-key-missing/storage (TriggerAuthentication auth-secret-key-missing/auth, parameter connection)"),
                new Case("auth-config-map-missing", APP_WITH_CONNECTION + triggerAuth("configMapTargetRef") + so(target() + authTrigger("TriggerAuthentication")),
                        "ConfigMap auth-config-map-missing/storage (TriggerAuthentication auth-config-map-missing/auth, parameter connection) not found"),
                new Case("auth-provider-unsupported", APP_WITH_CONNECTION + """
                        apiVersion: keda.sh/v1alpha1
                        kind: TriggerAuthentication
                        metadata:
                          name: auth
                        spec:
                          hashiCorpVault:
                            address: https://vault:8200
                            authentication: token
                            secrets:
                            - {parameter: connection, path: secret/data/q, key: c}
                        ---
                        """ + so(target() + authTrigger("TriggerAuthentication")),
                        "TriggerAuthentication auth-provider-unsupported/auth uses hashiCorpVault, which Tide does not resolve yet"),
                new Case("foreign-hpa", APP_WITH_CONNECTION + """
                        apiVersion: autoscaling/v2
                        kind: HorizontalPodAutoscaler
                        metadata:
                          name: keda-hpa-so
                        spec:
                          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: app}
                          maxReplicas: 3
                        ---
                        """ + so(target() + "  triggers:\n  - type: azure-queue\n    metadata:\n      queueName: q\n      connectionFromEnv: CONNECTION\n"),
                        "HorizontalPodAutoscaler foreign-hpa/keda-hpa-so exists and is not owned by this ScaledObject; annotate the ScaledObject with scaledobject.keda.sh/transfer-hpa-ownership: \"true\" to adopt it"),
                new Case("paused-replicas-not-a-number", APP_WITH_CONNECTION + so(target() + queueTrigger()).replace("  name: so\n", "  name: so\n  annotations:\n    autoscaling.keda.sh/paused-replicas: two\n"),
                        "Failed to pause ScaledObject: annotation autoscaling.keda.sh/paused-replicas must be a whole number >= 0, got \"two\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scaledObjectIsNotReadyAndSaysWhy(Case c) {
        apply(c.name(), c.yaml());

        Condition ready = awaitCondition(c.name(), "so", "Ready", "False");

        assertThat(ready.reason()).isEqualTo("ScaledObjectCheckFailed");
        assertThat(ready.message()).contains(c.expectedMessage());
        assertThat(condition(c.name(), "so", "Active")).hasValueSatisfying(active -> {
            assertThat(active.status()).isEqualTo("Unknown");
            assertThat(active.reason()).isEqualTo("UnknownState");
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(c.name()))
                .anySatisfy(e -> {
                    assertThat(e.getReason()).isEqualTo("ScaledObjectCheckFailed");
                    assertThat(e.getType()).isEqualTo("Warning");
                    assertThat(e.getMessage()).isEqualTo(ready.message());
                }));
    }

    private static String so(String spec) {
        return """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: so
                """ + spec;
    }

    private static String target() {
        return "spec:\n  scaleTargetRef:\n    name: app\n";
    }

    private static String queueTrigger() {
        return "  triggers:\n  - type: azure-queue\n    metadata:\n      queueName: q\n      connectionFromEnv: CONNECTION\n";
    }

    private static String queueTrigger(String name) {
        return "  triggers:\n  - type: azure-queue\n    name: " + name + "\n    metadata:\n      queueName: q\n      connectionFromEnv: CONNECTION\n";
    }

    private static String authTrigger(String kind) {
        return "  triggers:\n  - type: azure-queue\n    metadata:\n      queueName: q\n    authenticationRef:\n      name: auth\n      kind: " + kind + "\n";
    }

    private static String triggerAuth(String refField) {
        return """
                apiVersion: keda.sh/v1alpha1
                kind: TriggerAuthentication
                metadata:
                  name: auth
                spec:
                  %s:
                  - parameter: connection
                    name: storage
                    key: connectionString
                ---
                """.formatted(refField);
    }

    static String secret(String name, String key, String value) {
        return """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: %s
                stringData:
                  %s: %s
                ---
                """.formatted(name, key, value);
    }
}
