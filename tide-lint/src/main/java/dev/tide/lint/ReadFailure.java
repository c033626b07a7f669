package dev.tide.lint;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import dev.tide.keda.api.validation.Finding;
import java.util.stream.Collectors;

/**
 * Why an object could not be read into the model, as a field and a message: {@code spec.pollingInterval} and
 * {@code "often" is not a valid Integer}. Worded as keda-api's lenient ScaledObject reading words it, so that a lint
 * line and a Ready=False condition say the same.
 */
record ReadFailure(String field, String message) {

    /** keda-api's {@code ScaledObject.unreadable()} text, {@code <field>: <message>}. */
    static ReadFailure parse(String unreadable) {
        int colon = unreadable.indexOf(": ");
        return colon < 0 ? new ReadFailure("spec", unreadable)
                : new ReadFailure(unreadable.substring(0, colon), unreadable.substring(colon + 2));
    }

    /** From the exception {@code convertValue} throws, whose cause names the path. */
    static ReadFailure of(IllegalArgumentException e) {
        if (!(e.getCause() instanceof JsonMappingException mapping)) {
            return new ReadFailure("", firstLine(e.getMessage()));
        }
        String field = mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining());
        field = field.startsWith(".") ? field.substring(1) : field;
        if (mapping instanceof InvalidFormatException invalid && invalid.getTargetType() != null) {
            String value = String.valueOf(invalid.getValue());
            value = value.length() > 64 ? value.substring(0, 61) + "..." : value;
            return new ReadFailure(field, "\"" + value + "\" is not a valid " + invalid.getTargetType().getSimpleName());
        }
        return new ReadFailure(field, firstLine(mapping.getOriginalMessage()));
    }

    /** As a finding: on the field when the path is known, else about the object. */
    Finding finding(String reason, String text) {
        return field.isEmpty() ? new Finding(null, text, reason, true) : Finding.tide(field, reason, text);
    }

    private static String firstLine(String message) {
        String line = message == null ? "cannot be read" : message.lines().findFirst().orElse("cannot be read");
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }
}
