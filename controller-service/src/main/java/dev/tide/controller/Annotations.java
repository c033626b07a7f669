package dev.tide.controller;

import dev.tide.controller.crd.KedaApi;
import dev.tide.controller.crd.ScaledObject;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads KEDA's annotations the way KEDA does. */
final class Annotations {

    /** The annotations whose change triggers a reconcile even though the generation stays the same. */
    static final List<String> RECONCILE_ON_CHANGE = List.of(
            KedaApi.PAUSED, KedaApi.PAUSED_REPLICAS, KedaApi.PAUSED_SCALE_IN, KedaApi.PAUSED_SCALE_OUT,
            KedaApi.FORCE_ACTIVATION);

    private Annotations() {
    }

    /** KEDA's {@code getBoolAnnotation}: absent is false, "false" is false, any other value (even "yes") is true. */
    static boolean bool(ScaledObject scaledObject, String key) {
        String value = value(scaledObject, key);
        if (value == null) {
            return false;
        }
        return !"false".equalsIgnoreCase(value.trim()) && !"0".equals(value.trim()) && !"f".equalsIgnoreCase(value.trim());
    }

    static String value(ScaledObject scaledObject, String key) {
        Map<String, String> annotations = scaledObject.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }

    /** {@code paused-replicas} as a number; empty when absent; a check failure when it is not a number. */
    static Optional<Integer> pausedReplicas(ScaledObject scaledObject) {
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
    static boolean fullyPaused(ScaledObject scaledObject) {
        return bool(scaledObject, KedaApi.PAUSED) || value(scaledObject, KedaApi.PAUSED_REPLICAS) != null;
    }

    /** Any of the four pause annotations in force. */
    static boolean anyPause(ScaledObject scaledObject) {
        return fullyPaused(scaledObject) || bool(scaledObject, KedaApi.PAUSED_SCALE_IN) || bool(scaledObject, KedaApi.PAUSED_SCALE_OUT);
    }

    /** Whether any annotation of {@link #RECONCILE_ON_CHANGE} differs between the two versions. */
    static boolean reconcileRelevantChange(ScaledObject before, ScaledObject after) {
        return Stream.of(RECONCILE_ON_CHANGE.toArray(String[]::new))
                .anyMatch(key -> !Objects.equals(value(before, key), value(after, key)));
    }
}
