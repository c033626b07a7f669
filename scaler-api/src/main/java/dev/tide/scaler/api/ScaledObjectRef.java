package dev.tide.scaler.api;

/**
 * Which object a trigger belongs to.
 *
 * @param kind {@code ScaledObject} or {@code ScaledJob}
 */
public record ScaledObjectRef(String kind, String namespace, String name) {

    public static ScaledObjectRef scaledObject(String namespace, String name) {
        return new ScaledObjectRef("ScaledObject", namespace, name);
    }

    @Override
    public String toString() {
        return kind + " " + namespace + "/" + name;
    }
}
