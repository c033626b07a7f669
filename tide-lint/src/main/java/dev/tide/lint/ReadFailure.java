package dev.tide.lint;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.tide.keda.api.validation.Finding;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Why (part of) an object could not be read into the model, as a field and a message in the manifest's terms:
 * {@code spec.pollingInterval}, {@code "often" is not a valid Integer} (keda-api's wording) or
 * {@code spec.triggers}, {@code expected a list, got a string}.
 */
record ReadFailure(String field, String message) {

    /** keda-api's {@code ScaledObject.unreadable()} text, {@code <field>: <message>}. */
    static ReadFailure parse(String unreadable) {
        int colon = unreadable.indexOf(": ");
        return colon < 0 ? new ReadFailure("spec", unreadable)
                : new ReadFailure(unreadable.substring(0, colon), unreadable.substring(colon + 2));
    }

    /** From the exception {@code convertValue} throws when reading the part at {@code root} ("" for the object). */
    static ReadFailure of(IllegalArgumentException e, String root) {
        if (!(e.getCause() instanceof JsonMappingException mapping)) {
            return new ReadFailure(root, firstLine(e.getMessage()));
        }
        String path = mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining());
        String field = root.isEmpty() && path.startsWith(".") ? path.substring(1) : root + path;
        if (mapping instanceof InvalidFormatException invalid && invalid.getTargetType() != null) {
            String value = String.valueOf(invalid.getValue());
            value = value.length() > 64 ? value.substring(0, 61) + "..." : value;
            return new ReadFailure(field, "\"" + value + "\" is not a valid " + invalid.getTargetType().getSimpleName());
        }
        if (mapping instanceof UnrecognizedPropertyException) {
            return new ReadFailure(field, "unknown field (kubectl apply refuses it)");
        }
        if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null && mapping.getProcessor() != null) {
            JsonToken token = ((com.fasterxml.jackson.core.JsonParser) mapping.getProcessor()).currentToken();
            return new ReadFailure(field, "expected " + expected(mismatch.getTargetType()) + ", got " + got(token));
        }
        return new ReadFailure(field, firstLine(mapping.getOriginalMessage()));
    }

    /** A part of the wrong JSON type, e.g. {@code expected a list, got a string}. */
    static ReadFailure mismatch(String field, String expected, JsonNode actual) {
        return new ReadFailure(field, "expected " + expected + ", got " + got(actual.asToken()));
    }

    /** As a finding: on the field when the path is known, else about the object. */
    Finding finding(String reason, String text) {
        return field.isEmpty() ? new Finding(null, text, reason, true) : Finding.tide(field, reason, text);
    }

    private static String expected(Class<?> type) {
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        return Map.class.isAssignableFrom(type) ? "a map" : "an object";
    }

    private static String got(JsonToken token) {
        if (token == null) {
            return "something else";
        }
        return switch (token) {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "something else";
        };
    }

    private static String firstLine(String message) {
        String line = message == null ? "cannot be read" : message.lines().findFirst().orElse("cannot be read");
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }
}
