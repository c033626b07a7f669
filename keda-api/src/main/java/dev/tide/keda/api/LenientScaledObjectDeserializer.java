package dev.tide.keda.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.stream.Collectors;

/**
 * Reads a ScaledObject whatever its spec holds. The metadata must fit (the API server checks it); a spec or status
 * that does not fit the model (a string where a number belongs, a list where a map does) is left out, and the
 * object carries the reason, naming the field, in an in-memory annotation ({@link ScaledObject#unreadable()}).
 */
final class LenientScaledObjectDeserializer extends StdDeserializer<ScaledObject> {

    LenientScaledObjectDeserializer() {
        super(ScaledObject.class);
    }

    @Override
    public ScaledObject deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonNode node = parser.readValueAsTree();
        ScaledObject scaledObject = new ScaledObject();
        if (node.hasNonNull("apiVersion")) {
            scaledObject.setApiVersion(node.get("apiVersion").asText());
        }
        if (node.hasNonNull("kind")) {
            scaledObject.setKind(node.get("kind").asText());
        }
        scaledObject.setMetadata(node.hasNonNull("metadata") ? context.readTreeAsValue(node.get("metadata"), ObjectMeta.class) : new ObjectMeta());
        if (node.hasNonNull("spec")) {
            try {
                scaledObject.setSpec(context.readTreeAsValue(node.get("spec"), ScaledObjectSpec.class));
            } catch (JsonMappingException e) {
                markUnreadable(scaledObject, describe("spec", e));
            }
        }
        if (node.hasNonNull("status")) {
            try {
                scaledObject.setStatus(context.readTreeAsValue(node.get("status"), ScaledObjectStatus.class));
            } catch (JsonMappingException e) {
                // A status that does not fit is rewritten by the next reconcile; it never stops the object.
                scaledObject.setStatus(null);
            }
        }
        return scaledObject;
    }

    private static void markUnreadable(ScaledObject scaledObject, String reason) {
        var annotations = new LinkedHashMap<String, String>();
        if (scaledObject.getMetadata().getAnnotations() != null) {
            annotations.putAll(scaledObject.getMetadata().getAnnotations());
        }
        annotations.put(ScaledObject.UNREADABLE_ANNOTATION, reason);
        scaledObject.getMetadata().setAnnotations(annotations);
    }

    /** {@code spec.pollingInterval: "often" is not a valid Integer}, or the field and Jackson's first line. */
    static String describe(String root, JsonMappingException e) {
        String field = root + e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining());
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null) {
            String value = String.valueOf(invalid.getValue());
            value = value.length() > 64 ? value.substring(0, 61) + "..." : value;
            return field + ": \"" + value + "\" is not a valid " + invalid.getTargetType().getSimpleName();
        }
        String message = e.getOriginalMessage() == null ? "cannot be read" : e.getOriginalMessage().lines().findFirst().orElse("");
        return field + ": " + (message.length() > 200 ? message.substring(0, 197) + "..." : message);
    }
}
