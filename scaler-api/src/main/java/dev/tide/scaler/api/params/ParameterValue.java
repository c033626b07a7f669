package dev.tide.scaler.api.params;

/**
 * Implemented by an enum whose parameter spelling is not its lower-cased constant name, e.g.
 * {@code AzurePublicCloud} or {@code scram_sha256}.
 */
public interface ParameterValue {

    /** The value as a user writes it in a trigger. */
    String parameterValue();
}
