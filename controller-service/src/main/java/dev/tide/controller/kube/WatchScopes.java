package dev.tide.controller.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Where the controller's own informers watch: every namespace, or each watched namespace on its own. */
final class WatchScopes {

    private WatchScopes() {
    }

    /** One scope for all namespaces when {@code namespaces} is empty, else one per namespace. */
    static <T extends HasMetadata> List<Informable<T>> of(MixedOperation<T, ?, ?> operation, Set<String> namespaces) {
        List<Informable<T>> scopes = new ArrayList<>();
        if (namespaces.isEmpty()) {
            scopes.add(operation.inAnyNamespace());
        } else {
            namespaces.forEach(namespace -> scopes.add(operation.inNamespace(namespace)));
        }
        return scopes;
    }
}
