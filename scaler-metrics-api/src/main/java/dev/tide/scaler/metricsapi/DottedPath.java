package dev.tide.scaler.metricsapi;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * An xml or yaml {@code valueLocation}: KEDA's {@code GetValueByPath}, keys separated by dots with array indexes
 * as keys ({@code components.0.tasks}). The document is read into maps, lists and scalars first, by
 * {@link YamlDocument} or {@link XmlDocument}.
 *
 * <p>One difference from KEDA: a path that goes on past a value ({@code count.more} where {@code count} is 2) is not
 * found; KEDA returns the value it passed.
 *
 * @param text the location as written in the trigger
 * @param document how the response is read into a tree
 */
record DottedPath(String text, Document document) implements ValueLocation {

    private static final Object MISSING = new Object();

    /** The two formats whose responses are read into a tree and walked with the same path. */
    enum Document {
        XML(XmlDocument::read), YAML(YamlDocument::read);

        private final Function<byte[], Map<String, Object>> reader;

        Document(Function<byte[], Map<String, Object>> reader) {
            this.reader = reader;
        }
    }

    @Override
    public double read(byte[] body) {
        Object value = find(document.reader.apply(body));
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof String string) {
            return ValueLocation.quantity(string, text);
        }
        throw new IllegalArgumentException(String.format(NOT_A_NUMBER, ValueLocation.quoted(text), goType(value)));
    }

    /** KEDA's {@code GetValueByPath}, in its words. */
    private Object find(Map<String, Object> root) {
        Object current = root;
        for (String key : text.split("\\.", -1)) {
            Object value = child(current, key);
            if (value == MISSING) {
                throw new IllegalArgumentException("key '" + key + "' not found in path '" + text + "'");
            }
            current = value;
        }
        if (current instanceof Map<?, ?> || current instanceof List<?>) {
            throw new IllegalArgumentException("path '" + text + "' does not lead to a value");
        }
        return current;
    }

    /** The value under {@code key}: a map's entry, or a list's element when the key is its index; else MISSING. */
    private static Object child(Object parent, String key) {
        if (parent instanceof Map<?, ?> map) {
            return map.containsKey(key) ? map.get(key) : MISSING;
        }
        if (parent instanceof List<?> list && !key.isEmpty() && key.length() < 10 && key.chars().allMatch(Character::isDigit)) {
            int index = Integer.parseInt(key);
            return index < list.size() ? list.get(index) : MISSING;
        }
        return MISSING;
    }

    /** The Go type name KEDA's message would show for what the YAML decoder gave. */
    private static String goType(Object value) {
        if (value == null) {
            return "<nil>";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        return value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
}
