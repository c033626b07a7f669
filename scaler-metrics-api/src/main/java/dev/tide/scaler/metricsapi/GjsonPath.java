package dev.tide.scaler.metricsapi;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A json {@code valueLocation}: the part of GJSON's path syntax that KEDA's documentation and tests use. Keys and array
 * indexes separated by dots ({@code components.worker.tasks}, {@code items.0.value}), {@code \} before a character
 * that would otherwise be special ({@code dotted\.key}), and {@code #} as the last key for an array's length
 * ({@code items.#}). Wildcards ({@code *}, {@code ?}), queries ({@code #(...)}), modifiers ({@code @reverse}), pipes,
 * multipaths, literals and JSON lines are refused when the trigger is checked.
 *
 * @param text the location as written in the trigger
 * @param keys the unescaped keys, {@code #} standing for "the length"
 */
record GjsonPath(String text, List<String> keys) implements ValueLocation {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LENGTH = "#";
    private static final String HOW = "write keys and array indexes separated by dots, e.g. items.0.value, items.# for "
            + "an array's length, and \\ before a dot or other special character in a key";

    GjsonPath {
        keys = List.copyOf(keys);
    }

    static GjsonPath parse(String text) {
        if (text.startsWith("..") || text.startsWith("!") || text.startsWith("[") || text.startsWith("{")) {
            throw unsupported(text);
        }
        List<String> keys = new ArrayList<>();
        StringBuilder key = new StringBuilder();
        boolean escaped = false;
        boolean special = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (escaped) {
                key.append(c);
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '.') {
                keys.add(checked(text, key.toString(), special));
                key.setLength(0);
                special = false;
            } else {
                special |= c == '*' || c == '?' || c == '|' || (key.isEmpty() && (c == '@' || c == '#'));
                key.append(c);
            }
        }
        keys.add(checked(text, escaped ? key + "\\" : key.toString(), special));
        if (keys.subList(0, keys.size() - 1).contains(LENGTH)) {
            throw unsupported(text);
        }
        return new GjsonPath(text, keys);
    }

    private static String checked(String text, String key, boolean special) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("parameter \"valueLocation\" value \"" + text + "\" has an empty key: " + HOW);
        }
        if (special && !key.equals(LENGTH)) {
            throw unsupported(text);
        }
        return key;
    }

    private static IllegalArgumentException unsupported(String text) {
        return new IllegalArgumentException("parameter \"valueLocation\" value \"" + text + "\" uses GJSON syntax that "
                + "Tide does not read (wildcards, queries, modifiers, pipes, multipaths, literals): " + HOW);
    }

    @Override
    public double read(byte[] body) {
        JsonNode node = find(parse(body)).orElse(null);
        if (node != null && node.isNumber()) {
            return node.doubleValue();
        }
        if (node != null && node.isTextual()) {
            return ValueLocation.quantity(node.textValue(), text);
        }
        throw new IllegalArgumentException(String.format(NOT_A_NUMBER, ValueLocation.quoted(text), gjsonType(node)));
    }

    private Optional<JsonNode> find(JsonNode document) {
        JsonNode node = document;
        for (String key : keys) {
            if (node.isObject()) {
                node = node.get(key);
            } else if (node.isArray() && key.equals(LENGTH)) {
                return Optional.of(JSON.getNodeFactory().numberNode(node.size()));
            } else if (node.isArray() && !key.isEmpty() && key.chars().allMatch(Character::isDigit)) {
                node = key.length() > 9 ? null : node.get(Integer.parseInt(key));
            } else {
                node = null;
            }
            if (node == null) {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode document = JSON.readTree(body);
            return document == null ? JSON.missingNode() : document;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the response is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("the response cannot be read: " + e);
        }
    }

    /** What GJSON calls the kind of value found: {@code Null} when nothing is there. */
    private static String gjsonType(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "Null";
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? "True" : "False";
        }
        return "JSON";
    }
}
