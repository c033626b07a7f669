package dev.tide.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.validation.ClusterView;
import dev.tide.keda.api.validation.KedaValidator;
import dev.tide.keda.api.validation.TriggerParameters;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The AdmissionReview exchange: what the API server sends, what it gets back. */
class AdmissionReviewsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A namespace where every Deployment is missing. */
    private static final ClusterView NO_WORKLOADS = new ClusterView() {
        @Override
        public List<ScaledObject> scaledObjects(String namespace) {
            return List.of();
        }

        @Override
        public List<HorizontalPodAutoscaler> horizontalPodAutoscalers(String namespace) {
            return List.of();
        }

        @Override
        public Workload workload(String namespace, String kind, String name) {
            return Workload.missing("deployments.apps \"" + name + "\" not found");
        }

        @Override
        public List<LimitRange> limitRanges(String namespace) {
            return List.of();
        }
    };

    private final AdmissionReviews reviews = new AdmissionReviews(new KedaValidator(TriggerParameters.NONE), NO_WORKLOADS);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"not json", "[1, 2]", "{\"kind\": \"AdmissionReview\"}", "{\"request\": {\"uid\": \"\"}}",
            "{\"request\": {\"uid\": \"u\", \"kind\": {\"group\": \"keda.sh\", \"kind\": \"ScaledObject\"}, \"operation\": \"CREATE\"}}"})
    void aBodyThatIsNoAdmissionReviewIsABadRequest(String body) {
        assertThat(reviews.answer(body.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
    }

    @Test
    void kindsAndOperationsTideDoesNotCheckAreAllowed() throws Exception {
        assertThat(allowed(review("apps", "Deployment", "CREATE", "{}", null, false))).isTrue();
        assertThat(allowed(review("keda.sh", "CloudEventSource", "CREATE", "{}", null, false))).isTrue();
        assertThat(allowed(review("keda.sh", "ScaledJob", "DELETE", scaledJob(""), null, false))).isTrue();
        assertThat(allowed(review("keda.sh", "ScaledObject", "DELETE", scaledObject("\"minReplicaCount\": 9, \"maxReplicaCount\": 1", ""), null, false)))
                .isTrue();
    }

    @Test
    void aMissingWorkloadRefusesACpuTriggerButNotOnADryRun() throws Exception {
        String object = scaledObject("\"minReplicaCount\": 1", "");
        JsonNode denied = response(review("keda.sh", "ScaledObject", "CREATE", object, null, false));

        assertThat(denied.path("allowed").asBoolean()).isFalse();
        assertThat(denied.path("status").path("message").asText()).isEqualTo("ScaledObject shop/so: deployments.apps \"app\" not found");
        assertThat(allowed(review("keda.sh", "ScaledObject", "CREATE", object, null, true))).isTrue();
    }

    @Test
    void anUpdateThatOnlyRemovesTheFinalizerOfAnInvalidScaledObjectIsAllowed() throws Exception {
        String invalid = "\"minReplicaCount\": 9, \"maxReplicaCount\": 1";
        String before = scaledObject(invalid, "\"finalizers\": [\"finalizer.keda.sh\"]");
        String after = scaledObject(invalid, "\"finalizers\": []");

        assertThat(allowed(review("keda.sh", "ScaledObject", "UPDATE", after, before, false))).isTrue();
        assertThat(allowed(review("keda.sh", "ScaledObject", "UPDATE", after, after, false))).isFalse();
    }

    @Test
    void aTriggerAuthenticationLosingItsLastFinalizerIsAllowedUnchecked() throws Exception {
        String spec = "\"spec\": {\"podIdentity\": {\"provider\": \"aws\", \"externalID\": \"x\"}}";
        String before = "{\"metadata\": {\"name\": \"a\", \"finalizers\": [\"finalizer.keda.sh\"]}, " + spec + "}";
        String after = "{\"metadata\": {\"name\": \"a\"}, " + spec + "}";

        assertThat(allowed(review("keda.sh", "TriggerAuthentication", "UPDATE", after, before, false))).isTrue();
        assertThat(allowed(review("keda.sh", "TriggerAuthentication", "CREATE", after, null, false))).isFalse();
    }

    @Test
    void warningsComeBackWithAnAllowedAnswer() throws Exception {
        JsonNode response = response(review("keda.sh", "ScaledObject", "CREATE",
                scaledObject("\"minReplicaCount\": 1, \"cooldownPeriod\": 10", "").replace("\"cpu\"", "\"kafka\""), null, false));

        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.path("warnings").get(0).asText()).startsWith("CooldownPeriod is configured but is not relevant.");
    }

    static Stream<Arguments> scaledJobs() {
        String kafka = "{\"type\": \"kafka\", \"name\": \"orders\", \"metadata\": {\"topic\": \"orders\"}}";
        return Stream.of(
                Arguments.of("a good ScaledJob is allowed without a word", scaledJob(kafka), true, "", List.of()),
                Arguments.of("a ScaledJob without triggers is denied with KEDA's message, naming the object", scaledJob(""), false,
                        "ScaledJob shop/sj: no triggers defined in the ScaledObject/ScaledJob", List.of()),
                Arguments.of("a trigger metricType is denied with the message of KEDA's reconciler",
                        scaledJob(kafka.replace("\"name\"", "\"metricType\": \"Value\", \"name\"")), false,
                        "ScaledJob shop/sj: spec.triggers[0] (kafka \"orders\").metricType: Cannot set metricType in ScaledJob triggers:"
                                + " metricType is set in one of the ScaledJob scaler", List.of()),
                Arguments.of("a custom strategy without a percentage is allowed with a warning",
                        scaledJob(kafka).replace("\"triggers\"", "\"scalingStrategy\": {\"strategy\": \"custom\"}, \"triggers\""), true, "",
                        List.of("spec.scalingStrategy.customScalingRunningJobPercentage: is not set, so the custom strategy is not used:"
                                + " Jobs are started by the default strategy, as in KEDA")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scaledJobs")
    void aScaledJobIsAnsweredAsTheValidatorJudgesIt(String sentence, String scaledJob, boolean allowed, String message, List<String> warnings)
            throws Exception {
        JsonNode response = response(review("keda.sh", "ScaledJob", "CREATE", scaledJob, null, false));

        assertThat(response.path("allowed").asBoolean()).isEqualTo(allowed);
        assertThat(response.path("status").path("message").asText()).isEqualTo(message);
        assertThat(response.path("status").path("code").asInt()).isEqualTo(allowed ? 0 : 403);
        assertThat(response.path("warnings")).map(JsonNode::asText).containsExactlyElementsOf(warnings);
    }

    @Test
    void anUpdateThatOnlyRemovesTheLastFinalizerOfAnInvalidScaledJobIsAllowed() throws Exception {
        String before = scaledJob("").replace("\"name\": \"sj\"", "\"name\": \"sj\", \"finalizers\": [\"finalizer.keda.sh\"]");
        String after = scaledJob("");

        assertThat(allowed(review("keda.sh", "ScaledJob", "UPDATE", after, before, false))).isTrue();
        assertThat(allowed(review("keda.sh", "ScaledJob", "UPDATE", after, after, false))).isFalse();
    }

    /** A ScaledJob named {@code sj} with these triggers (JSON objects, comma-separated). */
    private static String scaledJob(String triggers) {
        return ("{\"apiVersion\": \"keda.sh/v1alpha1\", \"kind\": \"ScaledJob\", \"metadata\": {\"name\": \"sj\"}, \"spec\": {\"jobTargetRef\":"
                + " {\"template\": {\"spec\": {\"containers\": [{\"name\": \"worker\", \"image\": \"worker:1\"}], \"restartPolicy\": \"Never\"}}},"
                + " \"triggers\": [%s]}}").formatted(triggers);
    }

    private static String scaledObject(String specExtras, String metadataExtras) {
        return ("{\"apiVersion\": \"keda.sh/v1alpha1\", \"kind\": \"ScaledObject\", \"metadata\": {\"name\": \"so\"%s},"
                + " \"spec\": {\"scaleTargetRef\": {\"name\": \"app\"}, %s, \"triggers\": [{\"type\": \"cpu\", \"metadata\": {\"value\": \"50\"}}]}}")
                .formatted(metadataExtras.isEmpty() ? "" : ", " + metadataExtras, specExtras);
    }

    private static String review(String group, String kind, String operation, String object, String oldObject, boolean dryRun) {
        return ("{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\", \"request\": {\"uid\": \"u\","
                + " \"kind\": {\"group\": \"%s\", \"version\": \"v1\", \"kind\": \"%s\"}, \"operation\": \"%s\", \"namespace\": \"shop\","
                + " \"dryRun\": %s, \"object\": %s%s}}").formatted(group, kind, operation, dryRun, object,
                oldObject == null ? "" : ", \"oldObject\": " + oldObject);
    }

    private JsonNode response(String review) throws Exception {
        AdmissionReviews.Answer answer = reviews.answer(review.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("response").path("uid").asText()).isEqualTo("u");
        return body.path("response");
    }

    private boolean allowed(String review) throws Exception {
        return response(review).path("allowed").asBoolean();
    }
}
