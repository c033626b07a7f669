package dev.tide.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tide.keda.api.ClusterTriggerAuthentication;
import dev.tide.keda.api.KedaApi;
import dev.tide.keda.api.ScaledJob;
import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.TriggerAuthentication;
import dev.tide.keda.api.validation.ClusterView;
import dev.tide.keda.api.validation.Finding;
import dev.tide.keda.api.validation.KedaValidator;
import dev.tide.keda.api.validation.Occasion;
import dev.tide.keda.api.validation.Verdict;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code admission.k8s.io/v1} AdmissionReview in, one answer out: the request's object goes to the validator and
 * the verdict comes back as {@code allowed}, a 403 status with the message, and warnings. Kinds Tide does not check
 * are allowed, as KEDA allows them; a body that is not an AdmissionReview is a 400, never a 500.
 */
public final class AdmissionReviews {

    static final String SCALED_OBJECT = KedaApi.SCALED_OBJECT_KIND;
    static final String SCALED_JOB = KedaApi.SCALED_JOB_KIND;
    static final String TRIGGER_AUTHENTICATION = "TriggerAuthentication";
    static final String CLUSTER_TRIGGER_AUTHENTICATION = "ClusterTriggerAuthentication";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KedaValidator validator;
    private final ClusterView cluster;
    private final KubernetesSerialization serialization = new KubernetesSerialization();

    public AdmissionReviews(KedaValidator validator, ClusterView cluster) {
        this.validator = validator;
        this.cluster = cluster;
    }

    /**
     * The HTTP answer.
     *
     * @param decision what was decided about a checked object; empty when nothing was checked (malformed body, a kind
     *     or operation Tide does not check, a trigger authentication's finalizer-only update)
     */
    public record Answer(int status, byte[] body, Optional<Decision> decision) {
    }

    /** A checked object and the verdict on it, for the webhook's metrics. */
    public record Decision(String kind, String namespace, String name, String operation, Verdict verdict) {
    }

    public Answer answer(byte[] body) {
        JsonNode request;
        try {
            request = JSON.readTree(body).path("request");
        } catch (IOException e) {
            return badRequest("the body is not JSON: " + e.getClass().getSimpleName());
        }
        String uid = request.path("uid").asText("");
        if (!request.isObject() || uid.isEmpty()) {
            return badRequest("the body is not an admission.k8s.io/v1 AdmissionReview with a request uid");
        }
        String group = request.path("kind").path("group").asText("");
        String kind = request.path("kind").path("kind").asText("");
        String operation = request.path("operation").asText("");
        JsonNode object = request.path("object");
        boolean checked = KedaApi.GROUP.equals(group)
                && List.of(SCALED_OBJECT, SCALED_JOB, TRIGGER_AUTHENTICATION, CLUSTER_TRIGGER_AUTHENTICATION).contains(kind)
                && ("CREATE".equals(operation) || "UPDATE".equals(operation));
        if (!checked) {
            return allowed(uid, Verdict.ALLOWED, Optional.empty());
        }
        if (!object.isObject()) {
            return badRequest("the " + operation + " request for a " + kind + " carries no object");
        }
        boolean dryRun = request.path("dryRun").asBoolean(false);
        Verdict verdict;
        try {
            // The validator knows the finalizer rules of ScaledObjects and ScaledJobs; it has no update of a trigger authentication.
            boolean authentication = TRIGGER_AUTHENTICATION.equals(kind) || CLUSTER_TRIGGER_AUTHENTICATION.equals(kind);
            if (authentication && "UPDATE".equals(operation) && removesLastFinalizer(object, request.path("oldObject"))) {
                return allowed(uid, Verdict.ALLOWED, Optional.empty());
            }
            verdict = switch (kind) {
                case SCALED_OBJECT -> scaledObject(object, request.path("oldObject"), request.path("namespace").asText(""), dryRun);
                case SCALED_JOB -> scaledJob(object, request.path("oldObject"));
                case TRIGGER_AUTHENTICATION -> validator.triggerAuthentication(
                        serialization.convertValue(object, TriggerAuthentication.class).getSpec(), false);
                default -> validator.triggerAuthentication(
                        serialization.convertValue(object, ClusterTriggerAuthentication.class).getSpec(), true);
            };
        } catch (IllegalArgumentException e) {
            // The API server has checked the object against the CRD schema, so this is a schema-less cluster or a bug.
            verdict = new Verdict(List.of(Finding.tide("spec", "invalid-spec", "cannot be read as a " + kind + ": "
                    + e.getClass().getSimpleName())), List.of());
        }
        String namespace = request.path("namespace").asText("");
        String name = object.path("metadata").path("name").asText(request.path("name").asText(""));
        Decision decision = new Decision(kind, namespace, name, operation.toLowerCase(Locale.ROOT), verdict);
        return allowed(uid, verdict, Optional.of(decision));
    }

    private Verdict scaledObject(JsonNode object, JsonNode oldObject, String namespace, boolean dryRun) {
        ScaledObject scaledObject = read(object, namespace);
        if (scaledObject.unreadable().isPresent()) {
            return new Verdict(List.of(Finding.tide("spec", "invalid-spec", "cannot be read: " + scaledObject.unreadable().get())), List.of());
        }
        Occasion occasion = dryRun ? Occasion.ADMISSION_DRY_RUN : Occasion.ADMISSION;
        return oldObject.isObject() ? validator.scaledObjectUpdate(read(oldObject, namespace), scaledObject, occasion, cluster)
                : validator.scaledObject(scaledObject, occasion, cluster);
    }

    /** KEDA's ScaledJob webhook reads no other object and has no dry-run case, so neither namespace nor dry run matter. */
    private Verdict scaledJob(JsonNode object, JsonNode oldObject) {
        ScaledJob scaledJob = serialization.convertValue(object, ScaledJob.class);
        return oldObject.isObject() ? validator.scaledJobUpdate(serialization.convertValue(oldObject, ScaledJob.class), scaledJob)
                : validator.scaledJob(scaledJob);
    }

    private ScaledObject read(JsonNode object, String namespace) {
        ScaledObject scaledObject = serialization.convertValue(object, ScaledObject.class);
        if (scaledObject.getMetadata().getNamespace() == null) {
            // On CREATE the object may not carry its namespace yet; the request always does.
            scaledObject.getMetadata().setNamespace(namespace);
        }
        return scaledObject;
    }

    /** KEDA's trigger-authentication finalizer skip: the last finalizer removed, the spec unchanged. */
    private static boolean removesLastFinalizer(JsonNode object, JsonNode oldObject) {
        return oldObject.isObject() && object.path("metadata").path("finalizers").isEmpty()
                && oldObject.path("metadata").path("finalizers").size() == 1
                && Objects.equals(object.path("spec"), oldObject.path("spec"));
    }

    private static Answer allowed(String uid, Verdict verdict, Optional<Decision> decision) {
        ObjectNode review = JSON.createObjectNode();
        review.put("apiVersion", "admission.k8s.io/v1");
        review.put("kind", "AdmissionReview");
        ObjectNode response = review.putObject("response");
        response.put("uid", uid);
        response.put("allowed", verdict.allowed());
        if (!verdict.allowed()) {
            ObjectNode status = response.putObject("status");
            status.put("code", 403);
            status.put("reason", "Forbidden");
            status.put("message", decision.map(AdmissionReviews::subject).orElse("") + verdict.message());
        }
        if (!verdict.warnings().isEmpty()) {
            ArrayNode warnings = response.putArray("warnings");
            verdict.warnings().forEach(warning -> warnings.add(warning.describe()));
        }
        try {
            return new Answer(200, JSON.writeValueAsBytes(review), decision);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an AdmissionReview response could not be written", e);
        }
    }

    /** {@code ScaledObject default/orders: }, so that a refusal names the object. */
    private static String subject(Decision decision) {
        return decision.kind() + " " + (decision.namespace().isEmpty() ? "" : decision.namespace() + "/") + decision.name() + ": ";
    }

    private static Answer badRequest(String message) {
        return new Answer(400, message.getBytes(StandardCharsets.UTF_8), Optional.empty());
    }
}
