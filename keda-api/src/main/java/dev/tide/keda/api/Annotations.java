package dev.tide.keda.api;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads KEDA's annotations the way KEDA does. */
public final class Annotations {

    /** The annotations whose change triggers a reconcile even though the generation stays the same. */
    public static final List<String> RECONCILE_ON_CHANGE = List.of(
            KedaApi.PAUSED, KedaApi.PAUSED_REPLICAS, KedaApi.PAUSED_SCALE_IN, KedaApi.PAUSED_SCALE_OUT,
            KedaApi.FORCE_ACTIVATION);

    private Annotations() {
    }

    /** KEDA's {@code getBoolAnnotation}: absent is false, "false" is false, any other value (even "yes") is true. */
    public static boolean bool(HasMetadata scaledObject, String key) {
        String value = value(scaledObject, key);
        if (value == null) {
            return false;
        }
        return !"false".equalsIgnoreCase(value.trim()) && !"0".equals(value.trim()) && !"f".equalsIgnoreCase(value.trim());
    }

    public static String value(HasMetadata scaledObject, String key) {
        Map<String, String> annotations = scaledObject.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }

    /**
     * A comma-separated list of names in an annotation (KEDA's {@code hpa-excluded-labels} and
     * {@code job-excluded-labels}), blanks dropped; empty when the annotation is absent.
     */
    public static Set<String> names(HasMetadata object, String key) {
        String value = value(object, key);
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** {@code paused-replicas} as a number; empty when absent; a check failure when it is not a number. */
    public static Optional<Integer> pausedReplicas(HasMetadata scaledObject) {
        String value = value(scaledObject, KedaApi.PAUSED_REPLICAS);
        if (value == null) {
            return Optional.empty();
        }
        try {
            int replicas = Integer.parseInt(value.trim());
            if (replicas < 0) {
                throw new NumberFormatException();
            }
            return Optional.of(replicas);
        } catch (NumberFormatException e) {
            throw new CheckFailedException(CheckFailedException.PAUSE,
                    "annotation " + KedaApi.PAUSED_REPLICAS + " must be a whole number >= 0, got \"" + value + "\"");
        }
    }

    /** Paused outright: {@code paused} true or {@code paused-replicas} set. */
    public static boolean fullyPaused(HasMetadata scaledObject) {
        return bool(scaledObject, KedaApi.PAUSED) || value(scaledObject, KedaApi.PAUSED_REPLICAS) != null;
    }

    /** Any of the four pause annotations in force. */
    public static boolean anyPause(HasMetadata scaledObject) {
        return fullyPaused(scaledObject) || bool(scaledObject, KedaApi.PAUSED_SCALE_IN) || bool(scaledObject, KedaApi.PAUSED_SCALE_OUT);
    }

    /** Whether any annotation of {@link #RECONCILE_ON_CHANGE} differs between the two versions. */
    public static boolean reconcileRelevantChange(HasMetadata before, HasMetadata after) {
        return Stream.of(RECONCILE_ON_CHANGE.toArray(String[]::new))
                .anyMatch(key -> !Objects.equals(value(before, key), value(after, key)));
    }
}
