package dev.tide.lint;

/**
 * The object a finding is about, as its manifest names it.
 *
 * @param namespace null for cluster-scoped kinds; {@code default} when a namespaced manifest names none
 */
public record ObjectRef(String kind, String namespace, String name) {

    /** {@code ScaledObject default/orders}, or {@code ClusterTriggerAuthentication shared} for a cluster-scoped kind. */
    @Override
    public String toString() {
        return kind + " " + (namespace == null ? "" : namespace + "/") + name;
    }
}
