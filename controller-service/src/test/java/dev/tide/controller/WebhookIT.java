package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tide.controller.admission.TestCertificate;
import dev.tide.controller.admission.WebhookServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * KEDA's validating webhook as the API server calls it: AdmissionReview JSON posted over real TLS to the running
 * controller's webhook port, answered with the validator's decision.
 */
class WebhookIT extends ReconcilerTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().sslContext(TestCertificate.clientContext()).build();
    private static final String PATH = "/validate-keda-sh-v1alpha1-scaledobject";

    @Autowired
    WebhookServer webhook;

    @Autowired
    MeterRegistry meters;

    @Test
    void aValidScaledObjectIsAllowedAndItsUidEchoed() throws Exception {
        String uid = UUID.randomUUID().toString();
        JsonNode response = review(PATH, uid, "CREATE", "webhook-allowed", scaledObjectJson("so", "app", ""));

        assertThat(response.path("response").path("uid").asText()).isEqualTo(uid);
        assertThat(response.path("response").path("allowed").asBoolean()).isTrue();
        assertThat(response.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
    }

    @Test
    void aScaledObjectBreakingKedasRuleIsDeniedWithKedasMessageNamingTheObject() throws Exception {
        JsonNode response = review(PATH, "u1", "CREATE", "webhook-denied",
                scaledObjectJson("so", "app", ", \"minReplicaCount\": 10, \"maxReplicaCount\": 5"));

        assertThat(response.path("response").path("allowed").asBoolean()).isFalse();
        assertThat(response.path("response").path("status").path("code").asInt()).isEqualTo(403);
        assertThat(response.path("response").path("status").path("message").asText())
                .isEqualTo("ScaledObject webhook-denied/so: MinReplicaCount=10 must be less than MaxReplicaCount=5");
    }

    @Test
    void aSecondScaledObjectOnTheSameWorkloadIsDeniedAsKedaDeniesIt() throws Exception {
        String namespace = "webhook-duplicate";
        apply(namespace, appWithConnection(1) + scaledObject("", "", QUEUE_TRIGGER));

        // The webhook reads other ScaledObjects from its informer, which sees the new one a moment later.
        await().atMost(WAIT).untilAsserted(() -> assertThat(review(PATH, "u2", "CREATE", namespace, scaledObjectJson("second", "app", ""))
                .path("response").path("status").path("message").asText())
                .isEqualTo("ScaledObject webhook-duplicate/second: the workload 'app' of type 'apps/v1.Deployment' is already managed"
                        + " by the ScaledObject 'so'"));
    }

    @Test
    void aTypoInAKafkaParameterIsRefusedWithTheBindersMessageAndWarnedAbout() throws Exception {
        String kafka = "{\"type\": \"kafka\", \"name\": \"orders\", \"metadata\": {\"bootstrapServers\": \"kafka:9092\","
                + " \"consumerGroup\": \"g\", \"topc\": \"orders\", \"lagThreshold\": \"abc\"}}";
        JsonNode response = review(PATH, "u3", "CREATE", "webhook-kafka", scaledObjectJson("so", "app", "", kafka));

        assertThat(response.path("response").path("allowed").asBoolean()).isFalse();
        assertThat(response.path("response").path("status").path("message").asText())
                .contains("spec.triggers[0] (kafka \"orders\").metadata.lagThreshold: parameter \"lagThreshold\" value \"abc\" must be");
        assertThat(response.path("response").path("warnings").get(0).asText())
                .startsWith("spec.triggers[0] (kafka \"orders\").metadata.topc: parameter \"topc\" is not a parameter of the kafka scaler");
    }

    @Test
    void settingsWithoutEffectAreAllowedWithKedasWarnings() throws Exception {
        JsonNode response = review(PATH, "u4", "CREATE", "webhook-warnings",
                scaledObjectJson("so", "app", ", \"minReplicaCount\": 1, \"pollingInterval\": 10, \"cooldownPeriod\": 60"));

        assertThat(response.path("response").path("allowed").asBoolean()).isTrue();
        assertThat(response.path("response").path("warnings")).hasSize(2);
        assertThat(response.path("response").path("warnings").get(0).asText()).startsWith("PollingInterval is configured but is not relevant.");
    }

    @Test
    void aTriggerAuthenticationBreakingKedasRuleIsDenied() throws Exception {
        String ta = "{\"apiVersion\": \"keda.sh/v1alpha1\", \"kind\": \"TriggerAuthentication\", \"metadata\": {\"name\": \"auth\"},"
                + " \"spec\": {\"podIdentity\": {\"provider\": \"aws\", \"roleArn\": \"arn\", \"identityOwner\": \"workload\"}}}";
        JsonNode response = review("/validate-keda-sh-v1alpha1-triggerauthentication", "u5", "CREATE", "webhook-ta", ta,
                "TriggerAuthentication");

        assertThat(response.path("response").path("status").path("message").asText())
                .isEqualTo("TriggerAuthentication webhook-ta/auth: roleArn of PodIdentity can't be set if KEDA isn't identityOwner");
    }

    @Test
    void aKindTideDoesNotCheckIsAllowedAsKedaAllowsIt() throws Exception {
        JsonNode response = review(PATH, "u6", "CREATE", "webhook-other", "{\"kind\": \"CloudEventSource\", \"spec\": {}}", "CloudEventSource");

        assertThat(response.path("response").path("allowed").asBoolean()).isTrue();
    }

    @Test
    void aBodyThatIsNoAdmissionReviewIsABadRequestNeverAServerError() throws Exception {
        assertThat(post(PATH, "not json").statusCode()).isEqualTo(400);
        assertThat(post(PATH, "{\"kind\": \"AdmissionReview\"}").statusCode()).isEqualTo(400);
        assertThat(post(PATH, "{\"request\": {\"uid\": \"u\", \"kind\": {\"group\": \"keda.sh\", \"kind\": \"ScaledObject\"},"
                + " \"operation\": \"CREATE\", \"object\": 7}}").statusCode()).isEqualTo(400);
    }

    @Test
    void anOversizedBodyIsRefusedWith413() throws Exception {
        String huge = "{\"padding\": \"" + "x".repeat(5 * 1024 * 1024) + "\"}";

        assertThat(post(PATH, huge).statusCode()).isEqualTo(413);
    }

    @Test
    void everyCheckedScaledObjectIsCountedInKedasWebhookSeries() throws Exception {
        review(PATH, "u7", "UPDATE", "webhook-metrics", scaledObjectJson("so", "app", ", \"minReplicaCount\": 10, \"maxReplicaCount\": 5"));

        assertThat(meters.get("keda.webhook.scaled.object.validations").tags("namespace", "webhook-metrics", "action", "update")
                .counter().count()).isEqualTo(1);
        assertThat(meters.get("keda.webhook.scaled.object.validation.errors")
                .tags("namespace", "webhook-metrics", "action", "update", "reason", "incorrect-replicas").counter().count()).isEqualTo(1);
    }

    @Test
    void aScaledJobWithoutTriggersIsDeniedAndCountedAsKedaCountsItAmongErrorsOnly() throws Exception {
        String scaledJob = "{\"apiVersion\": \"keda.sh/v1alpha1\", \"kind\": \"ScaledJob\", \"metadata\": {\"name\": \"sj\"},"
                + " \"spec\": {\"jobTargetRef\": {\"template\": {\"spec\": {\"containers\": [{\"name\": \"worker\", \"image\": \"worker:1\"}],"
                + " \"restartPolicy\": \"Never\"}}}, \"triggers\": []}}";
        JsonNode response = review("/validate-keda-sh-v1alpha1-scaledjob", "u8", "CREATE", "webhook-scaledjob", scaledJob, "ScaledJob");

        assertThat(response.path("response").path("allowed").asBoolean()).isFalse();
        assertThat(response.path("response").path("status").path("message").asText())
                .isEqualTo("ScaledJob webhook-scaledjob/sj: no triggers defined in the ScaledObject/ScaledJob");
        assertThat(meters.get("keda.webhook.scaled.object.validation.errors")
                .tags("namespace", "webhook-scaledjob", "action", "create", "reason", "incorrect-triggers").counter().count()).isEqualTo(1);
        // KEDA's ScaledJob webhook never records a validation, only its errors.
        assertThat(meters.find("keda.webhook.scaled.object.validations").tags("namespace", "webhook-scaledjob").counters()).isEmpty();
    }

    private static String scaledObjectJson(String name, String target, String specExtras) {
        return scaledObjectJson(name, target, specExtras,
                "{\"type\": \"azure-queue\", \"metadata\": {\"queueName\": \"orders\", \"connectionFromEnv\": \"CONNECTION\"}}");
    }

    private static String scaledObjectJson(String name, String target, String specExtras, String trigger) {
        return ("{\"apiVersion\": \"keda.sh/v1alpha1\", \"kind\": \"ScaledObject\", \"metadata\": {\"name\": \"%s\"},"
                + " \"spec\": {\"scaleTargetRef\": {\"name\": \"%s\"}, \"triggers\": [%s] %s}}").formatted(name, target, trigger, specExtras);
    }

    private JsonNode review(String path, String uid, String operation, String namespace, String object) throws Exception {
        return review(path, uid, operation, namespace, object, "ScaledObject");
    }

    private JsonNode review(String path, String uid, String operation, String namespace, String object, String kind) throws Exception {
        String body = ("{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\", \"request\": {\"uid\": \"%s\","
                + " \"kind\": {\"group\": \"keda.sh\", \"version\": \"v1alpha1\", \"kind\": \"%s\"}, \"operation\": \"%s\","
                + " \"namespace\": \"%s\", \"object\": %s}}").formatted(uid, kind, operation, namespace, object);
        HttpResponse<String> response = post(path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + webhook.port() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
