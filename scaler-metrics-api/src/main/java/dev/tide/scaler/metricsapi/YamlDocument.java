package dev.tide.scaler.metricsapi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * A yaml response as KEDA's {@code yaml.Unmarshal} into {@code map[string]any} reads it: YAML 1.2 with the core
 * schema ({@code 32} an integer, {@code 2.43} a float, {@code '64'} and {@code 1k} strings), the first document only,
 * and a mapping at the top. Keys become strings, as {@code GetValueByPath} prints them.
 */
final class YamlDocument {

    private YamlDocument() {
    }

    static Map<String, Object> read(byte[] body) {
        LoadSettings settings = LoadSettings.builder().setSchema(new CoreSchema()).setLabel("the response").build();
        Object document;
        try {
            Iterator<Object> documents = new Load(settings).loadAllFromString(new String(body, StandardCharsets.UTF_8)).iterator();
            document = documents.hasNext() ? documents.next() : null;
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException("the response is not YAML: " + e.getMessage());
        }
        if (document == null) {
            return Map.of();
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("the response is not a YAML mapping: cannot read a "
                    + document.getClass().getSimpleName() + " into keys");
        }
        return keyedByString(map);
    }

    private static Map<String, Object> keyedByString(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.putIfAbsent(String.valueOf(key), tree(value)));
        return copy;
    }

    private static Object tree(Object value) {
        if (value instanceof Map<?, ?> map) {
            return keyedByString(map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(tree(element)));
            return copy;
        }
        return value;
    }
}
