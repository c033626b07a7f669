package dev.tide.scaler.api;

import java.util.Objects;

/**
 * A secret parameter value (a password, a key, a connection string). Its {@code toString}, and so every record,
 * log line and message that prints it, shows {@code <redacted>}; the value is read with {@link #reveal()} only
 * where a client needs it.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "<redacted>";
    }
}
