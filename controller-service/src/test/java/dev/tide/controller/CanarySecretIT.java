package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tide.keda.api.ScaledJob;
import dev.tide.keda.api.ScaledObject;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A canary secret, read by the controller through envFrom, secretKeyRef and a TriggerAuthentication, and quoted by
 * a careless scaler in its error, appears in no status, event, HPA, log line or Prometheus series.
 */
class CanarySecretIT extends ReconcilerTestSupport {

    @Autowired
    private PrometheusMeterRegistry prometheus;

    /** The account key is the canary: base64 of "CANARY-7f3d9c2e", inside a connection string the real scaler accepts. */
    private static final String CANARY = "Q0FOQVJZLTdmM2Q5YzJl";
    private static final String CONNECTION = "DefaultEndpointsProtocol=https;AccountName=canary;AccountKey=" + CANARY
            + ";EndpointSuffix=core.windows.net";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void canarySecretNeverLeavesTheController() {
        String ns = "canary";
        apply(ns, secretsAndAuthentications() + deployment("app", 1, """
                envFrom:
                - secretRef:
                    name: canary
                env:
                - name: CONNECTION
                  valueFrom:
                    secretKeyRef:
                      name: canary
                      key: plain
                """) + so("ready", "azure-queue", "connectionFromEnv: CONNECTION", "")
                // One workload each: a second ScaledObject on one workload is refused before its secrets are read.
                + deployment("missing-key-app", 1, "") + deployment("careless-scaler-app", 1, "")
                + so("missing-key", "azure-queue", "", "canary-auth") + so("careless-scaler", "careless-queue", "", "careless-auth"));

        awaitCondition(ns, "ready", "Ready", "True");
        var missingKey = awaitCondition(ns, "missing-key", "Ready", "False");
        var careless = awaitCondition(ns, "careless-scaler", "Ready", "False");

        assertThat(missingKey.message()).contains("key absent-key not found in Secret canary/canary");
        assertThat(careless.message()).contains("connection string \"<redacted>\" is not valid");
        assertThat(AZURE_QUEUE.builtIn(ns)).as("the scaler did get the secret")
                .anySatisfy(b -> assertThat(b.config.resolvedEnv()).containsValue(CONNECTION));

        var serialization = CLIENT.getKubernetesSerialization();
        assertThat(CLIENT.resources(ScaledObject.class).inNamespace(ns).list().getItems())
                .allSatisfy(so -> assertThat(serialization.asJson(so)).doesNotContain(CANARY));
        assertThat(events(ns)).isNotEmpty().allSatisfy(e -> assertThat(serialization.asJson(e)).doesNotContain(CANARY));
        assertThat(CLIENT.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).list().getItems())
                .allSatisfy(h -> assertThat(serialization.asJson(h)).doesNotContain(CANARY));
        assertThat(MockCluster.logLines()).isNotEmpty().noneMatch(line -> line.contains(CANARY));
        assertJsonLogsWithoutCanary();
        assertThat(prometheus.scrape()).contains("keda_").doesNotContain(CANARY);
        assertThat(AZURE_QUEUE.builtIn(ns)).allSatisfy(b -> assertThat(b.config.toString()).doesNotContain(CANARY));
    }

    @Test
    void aScaledJobsCanarySecretNeverLeavesTheControllerEither() {
        String ns = "canary-jobs";
        apply(ns, secretsAndAuthentications() + ScalingJobsIT.scaledJobYaml("careless-job", "", "", "", """
                - type: careless-queue
                  metadata:
                    queueName: careless-job
                  authenticationRef:
                    name: careless-auth
                """));

        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(CLIENT.resources(ScaledJob.class).inNamespace(ns).withName("careless-job").get()
                .getStatus().condition("Ready")).hasValueSatisfying(c -> assertThat(c.message()).contains("<redacted>")));

        var serialization = CLIENT.getKubernetesSerialization();
        assertThat(serialization.asJson(CLIENT.resources(ScaledJob.class).inNamespace(ns).withName("careless-job").get()))
                .doesNotContain(CANARY);
        assertThat(events(ns)).isNotEmpty().allSatisfy(e -> assertThat(serialization.asJson(e)).doesNotContain(CANARY));
        assertThat(CLIENT.batch().v1().jobs().inNamespace(ns).list().getItems()).isEmpty();
        assertThat(MockCluster.logLines()).isNotEmpty().noneMatch(line -> line.contains(CANARY));
        assertThat(prometheus.scrape()).doesNotContain(CANARY);
    }

    /**
     * The same log lines as the chart's {@code logging.format: json} writes them (Spring Boot's logstash format): each
     * one a JSON object with level, logger and message, and none, stack traces included, holds the canary.
     */
    private static void assertJsonLogsWithoutCanary() {
        assertThat(MockCluster.structuredLogLines("logstash")).isNotEmpty().allSatisfy(line -> {
            JsonNode event = JSON.readTree(line);
            assertThat(event.path("level").asText()).as(line).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
            assertThat(event.path("logger_name").asText()).as(line).isNotBlank();
            assertThat(event.has("message")).as(line).isTrue();
            assertThat(line).doesNotContain(CANARY);
        });
    }

    /** The canary Secret (read through envFrom, secretKeyRef and TriggerAuthentications) and two authentications. */
    private static String secretsAndAuthentications() {
        String base64 = Base64.getEncoder().encodeToString(("reject:" + CONNECTION).getBytes(StandardCharsets.UTF_8));
        return """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: canary
                data:
                  connection: %s
                stringData:
                  plain: %s
                ---
                apiVersion: keda.sh/v1alpha1
                kind: TriggerAuthentication
                metadata:
                  name: canary-auth
                spec:
                  secretTargetRef:
                  - parameter: connection
                    name: canary
                    key: connection
                  - parameter: missing
                    name: canary
                    key: absent-key
                ---
                apiVersion: keda.sh/v1alpha1
                kind: TriggerAuthentication
                metadata:
                  name: careless-auth
                spec:
                  secretTargetRef:
                  - parameter: connection
                    name: canary
                    key: connection
                ---
                """.formatted(base64, CONNECTION);
    }

    private static String so(String name, String type, String connectionLine, String auth) {
        return """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: %s
                spec:
                  scaleTargetRef:
                    name: %s
                  triggers:
                  - type: %s
                    metadata:
                      queueName: %s
                      %s
                %s
                ---
                """.formatted(name, "ready".equals(name) ? "app" : name + "-app", type, name, connectionLine.isEmpty() ? "queueLength: '5'" : connectionLine,
                auth.isEmpty() ? "" : "    authenticationRef:\n      name: " + auth);
    }
}
