package dev.tide.scaler.api;

/**
 * An event source could not be read. The scale loop holds replicas and reports; it never turns this into 0.
 * Messages must not contain credentials.
 */
public class ScalerException extends RuntimeException {

    public ScalerException(String message) {
        super(message);
    }

    public ScalerException(String message, Throwable cause) {
        super(message, cause);
    }
}
