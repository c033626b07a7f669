package dev.tide.replicas;

/** {@code behavior.scaleUp|scaleDown.selectPolicy}: which of several policies limits a change. */
public enum SelectPolicy {
    /** The policy that allows the largest change. The default. */
    MAX("Max"),
    /** The policy that allows the smallest change. */
    MIN("Min"),
    /** No change in this direction at all. */
    DISABLED("Disabled");

    private final String kubernetesName;

    SelectPolicy(String kubernetesName) {
        this.kubernetesName = kubernetesName;
    }

    /** The value as an HPA manifest spells it. */
    public String kubernetesName() {
        return kubernetesName;
    }
}
