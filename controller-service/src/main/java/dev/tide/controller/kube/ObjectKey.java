package dev.tide.controller.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** A namespaced object's identity, how the controller keys ScaledObjects in every map. */
public record ObjectKey(String namespace, String name) {

    public static ObjectKey of(HasMetadata object) {
        return new ObjectKey(object.getMetadata().getNamespace(), object.getMetadata().getName());
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
