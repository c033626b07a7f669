package dev.tide.sandbox;

/** The sandbox could not set up or run its scenario; the message says what and why. */
public final class SandboxException extends RuntimeException {

    SandboxException(String message) {
        super(message);
    }

    SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
