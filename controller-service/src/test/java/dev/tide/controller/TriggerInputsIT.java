package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import dev.tide.keda.api.ClusterTriggerAuthentication;
import dev.tide.keda.api.KedaManifests;
import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.TriggerAuthentication;
import dev.tide.scaler.api.TriggerConfig;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a scaler receives: the target container's environment and the merged trigger authentication. */
class TriggerInputsIT extends ReconcilerTestSupport {

    @Test
    void kafkaTriggerGetsItsSaslSettingsFromTheTriggerAuthenticationSecret() throws Exception {
        String ns = "kafka-sasl";
        apply(ns, deployment("orders-consumer", 1, "") + Files.readString(KedaManifests.FOLDER.resolve("kafka-sasl.yaml")));

        awaitCondition(ns, "kafka-scaledobject", "Ready", "True");

        TriggerConfig config = lastBuilt(KAFKA, ns);
        assertThat(config.authParams()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "sasl", "scram_sha512", "username", "orders-consumer", "password", "placeholder", "tls", "enable"));
        assertThat(config.triggerName()).contains("orders-lag");
        assertThat(config.resolvedEnv()).as("no *FromEnv parameter, so no environment is read").isEmpty();
        assertThat(scaledObject(ns, "kafka-scaledobject").getStatus().getAuthenticationsTypes())
                .isEqualTo("keda-trigger-auth-kafka-credential");
        assertThat(hpa(ns, "keda-hpa-kafka-scaledobject").getSpec().getMetrics().get(0).getExternal().getTarget()
                .getAverageValue().toString()).isEqualTo("50");
        var auth = CLIENT.resources(TriggerAuthentication.class).inNamespace(ns).withName("keda-trigger-auth-kafka-credential");
        await().atMost(WAIT).until(() -> auth.get().getStatus() != null
                && "kafka-scaledobject".equals(auth.get().getStatus().getScaledobjects()));

        CLIENT.resources(ScaledObject.class).inNamespace(ns).withName("kafka-scaledobject").delete();

        await().atMost(WAIT).until(() -> auth.get().getStatus() == null || auth.get().getStatus().getScaledobjects() == null);
    }

    @Test
    void clusterTriggerAuthenticationReadsFromTheClusterObjectNamespace() throws Exception {
        String ns = "team-a";
        apply("tide-system", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: shared-storage-secret
                stringData:
                  connectionString: UseDevelopmentStorage=true
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: shared-storage-config
                data:
                  accountName: devstoreaccount1
                """);
        apply(ns, deployment("reports-worker", 1, "env:\n- name: AZURE_CLOUD\n  value: AzurePublicCloud\n")
                + Files.readString(KedaManifests.FOLDER.resolve("cluster-trigger-auth.yaml")));

        awaitCondition(ns, "reports", "Ready", "True");

        TriggerConfig config = lastBuilt(AZURE_QUEUE, ns);
        assertThat(config.authParams()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "connection", "UseDevelopmentStorage=true", "accountName", "devstoreaccount1", "cloud", "AzurePublicCloud"));
        assertThat(config.podIdentity().isNone()).isTrue();
        await().atMost(WAIT).until(() -> CLIENT.resources(ClusterTriggerAuthentication.class).withName("shared-storage").get(),
                cta -> cta.getStatus() != null && "team-a/reports".equals(cta.getStatus().getScaledobjects()));
    }

    @Test
    void environmentAndAuthenticationAreResolvedAndMergedInKedasOrder() {
        String ns = "merge-order";
        apply(ns, """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: creds
                stringData:
                  connection: from-secret-key-ref
                  token: from-trigger-auth-secret
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                  region: westeurope
                  token: from-trigger-auth-config-map
                ---
                apiVersion: keda.sh/v1alpha1
                kind: TriggerAuthentication
                metadata:
                  name: auth
                spec:
                  podIdentity:
                    provider: azure-workload
                    identityId: 11111111-2222-3333-4444-555555555555
                  env:
                  - parameter: region
                    name: CFG_region
                  configMapTargetRef:
                  - parameter: token
                    name: settings
                    key: token
                  secretTargetRef:
                  - parameter: token
                    name: creds
                    key: token
                ---
                """ + deployment("app", 1, """
                envFrom:
                - configMapRef:
                    name: settings
                  prefix: CFG_
                env:
                - name: CONNECTION
                  valueFrom:
                    secretKeyRef:
                      name: creds
                      key: connection
                - name: REGION
                  valueFrom:
                    configMapKeyRef:
                      name: settings
                      key: region
                - name: QUEUE_URL
                  value: https://$(REGION).example/$$(LITERAL)
                - name: OPTIONAL_MISSING
                  valueFrom:
                    secretKeyRef:
                      name: absent
                      key: x
                      optional: true
                """) + scaledObject("", "", """
                - type: kafka
                  metadata:
                    topic: q
                    consumerGroup: g
                    bootstrapServersFromEnv: CONNECTION
                  authenticationRef:
                    name: auth
                """));

        awaitCondition(ns, "so", "Ready", "True");

        TriggerConfig config = lastBuilt(KAFKA, ns);
        assertThat(config.resolvedEnv()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "CFG_region", "westeurope",
                "CFG_token", "from-trigger-auth-config-map",
                "CONNECTION", "from-secret-key-ref",
                "REGION", "westeurope",
                "QUEUE_URL", "https://westeurope.example/$(LITERAL)"));
        assertThat(config.authParams()).as("secretTargetRef is applied after configMapTargetRef and wins")
                .containsExactlyInAnyOrderEntriesOf(Map.of("region", "westeurope", "token", "from-trigger-auth-secret"));
        assertThat(config.podIdentity().provider()).isEqualTo("azure-workload");
        assertThat(config.podIdentity().identityId()).contains("11111111-2222-3333-4444-555555555555");
    }

    private static TriggerConfig lastBuilt(RecordingScalerFactory factory, String ns) {
        var built = factory.built.stream().filter(b -> b.config.scaledObject().namespace().equals(ns)).toList();
        assertThat(built).isNotEmpty();
        return built.get(built.size() - 1).config;
    }
}
