package dev.tide.controller.reconcile;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The values read from Secrets during one reconcile. Any text that leaves the reconcile (a condition, an event,
 * a log line) goes through {@link #scrub}, so a scaler that quotes a parameter in its error cannot leak one.
 */
final class SecretValues {

    static final String REDACTED = "<redacted>";
    /** Shorter values would blank out ordinary words; a credential is never this short. */
    private static final int MIN_LENGTH = 4;

    private final Set<String> values = new HashSet<>();

    void add(String value) {
        if (value != null && value.length() >= MIN_LENGTH) {
            values.add(value);
        }
    }

    String scrub(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String scrubbed = text;
        // Longest first, so a secret that contains another is replaced whole.
        List<String> longestFirst = values.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String value : longestFirst) {
            scrubbed = scrubbed.replace(value, REDACTED);
        }
        return scrubbed;
    }
}
