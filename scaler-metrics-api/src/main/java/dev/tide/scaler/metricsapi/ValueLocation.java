package dev.tide.scaler.metricsapi;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tide.scaler.api.MilliValue;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where the value sits in a JSON response: KEDA's GJSON path for the cases people use, keys and array indexes
 * separated by dots ({@code components.worker.tasks}, {@code items.0.value}); {@code \.} is a dot inside a key.
 * Wildcards, queries and modifiers of GJSON are not supported. Resolved with Jackson's {@link JsonPointer}.
 *
 * @param text the location as written in the trigger
 * @param pointer the same location as a JSON Pointer
 */
record ValueLocation(String text, JsonPointer pointer) {

    static ValueLocation parse(String text) {
        List<String> keys = Arrays.stream(text.split("(?<!\\\\)\\.", -1)).map(key -> key.replace("\\.", ".")).toList();
        if (keys.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("parameter \"valueLocation\" value \"" + text
                    + "\" has an empty key: write keys and array indexes separated by single dots, e.g. items.0.value");
        }
        String pointer = keys.stream()
                .map(key -> key.replace("~", "~0").replace("/", "~1"))
                .collect(Collectors.joining("/", "/", ""));
        return new ValueLocation(text, JsonPointer.compile(pointer));
    }

    /**
     * The number at this location: a JSON number, or a string holding a number or a Kubernetes quantity
     * ({@code "64"}, {@code "1k"}, {@code "250m"}), as KEDA reads it.
     *
     * @throws IllegalArgumentException when nothing or something else is there
     */
    double read(JsonNode document) {
        JsonNode node = document.at(pointer);
        if (node.isMissingNode()) {
            throw new IllegalArgumentException("valueLocation \"" + text + "\" is not in the response");
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            try {
                return MilliValue.parseQuantity(node.textValue()).doubleValue();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("valueLocation \"" + text + "\" must point to a number or a "
                        + "string holding a quantity, got '" + node.textValue() + "'");
            }
        }
        throw new IllegalArgumentException("valueLocation \"" + text + "\" must point to a number or a string "
                + "holding a quantity, got " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
}
