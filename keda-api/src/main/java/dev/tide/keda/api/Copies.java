package dev.tide.keda.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unmodifiable copies that keep nulls. A stored object may hold a {@code null} where the schema forbids one (it may
 * pre-date the schema, or come from a cluster without it); reading it must never fail, or one such object would
 * stop the informer for every other. The validator reports the null instead.
 */
final class Copies {

    private Copies() {
    }

    static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    static <K, V> Map<K, V> map(Map<K, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
