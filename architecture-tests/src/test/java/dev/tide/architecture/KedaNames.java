package dev.tide.architecture;

import dev.tide.keda.api.EventReason;
import dev.tide.keda.api.KedaApi;
import dev.tide.keda.api.KedaCondition;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** KEDA's names as keda-api spells them, each with the constant that holds it. */
final class KedaNames {

    /** One name and where keda-api keeps it, for example {@code "finalizer.keda.sh"} and {@code KedaApi.FINALIZER}. */
    record KedaName(String value, String constant) {
    }

    private KedaNames() {
    }

    /**
     * Every {@code public static final String} of {@link KedaApi} (and every string of its {@code public static final}
     * collections, the CRD file names), every {@link EventReason#reason()} and every {@link KedaCondition#reason()}.
     */
    static List<KedaName> fromKedaApi() {
        List<KedaName> names = new ArrayList<>();
        for (Field field : KedaApi.class.getFields()) {
            int modifiers = field.getModifiers();
            if (!Modifier.isStatic(modifiers) || !Modifier.isFinal(modifiers)) {
                continue;
            }
            String constant = "KedaApi." + field.getName();
            Object value = read(field);
            if (value instanceof String string) {
                names.add(new KedaName(string, constant));
            } else if (value instanceof Collection<?> collection) {
                collection.stream().filter(String.class::isInstance)
                        .forEach(element -> names.add(new KedaName((String) element, constant)));
            }
        }
        for (EventReason reason : EventReason.values()) {
            names.add(new KedaName(reason.reason(), "EventReason." + reason.name() + ".reason()"));
        }
        for (KedaCondition condition : KedaCondition.values()) {
            names.add(new KedaName(condition.reason(), "KedaCondition." + condition.name() + ".reason()"));
        }
        return List.copyOf(names);
    }

    /** The names by value: several constants can hold one value (a condition reason that is also an event reason). */
    static Map<String, List<String>> byValue(List<KedaName> names) {
        Map<String, List<String>> byValue = new TreeMap<>();
        for (KedaName name : names) {
            byValue.computeIfAbsent(name.value(), value -> new ArrayList<>()).add(name.constant());
        }
        return byValue;
    }

    private static Object read(Field field) {
        try {
            return field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read " + field, e);
        }
    }
}
