package dev.tide.scaler.api.params;

/** Where a trigger parameter comes from, named as KEDA names them in errors. */
public enum Source {
    /** The trigger's {@code metadata} map. */
    TRIGGER_METADATA("triggerMetadata"),
    /** {@code metadata.<name>FromEnv} names a variable of the scale target's container environment. */
    RESOLVED_ENV("resolvedEnv"),
    /** A parameter resolved from the trigger's TriggerAuthentication. */
    AUTH_PARAMS("authParams");

    private final String kedaName;

    Source(String kedaName) {
        this.kedaName = kedaName;
    }

    public String kedaName() {
        return kedaName;
    }

    @Override
    public String toString() {
        return kedaName;
    }
}
