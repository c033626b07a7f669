package dev.tide.scaler.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which event-source connection a trigger uses: triggers whose factories return equal keys share one connection, so
 * the host gives them one bulkhead and one circuit breaker, and a dead source costs only its own triggers.
 *
 * <p>The key is built from the inputs that pick the cluster and the credential (never the topic, queue or query),
 * and may include secret values; only a hash of it is ever shown ({@link #id()}, {@link #toString()}).
 *
 * @param type the trigger type the key belongs to
 * @param identity the connection-relevant inputs, sorted; secret values included, never shown
 */
public record ConnectionKey(String type, Map<String, String> identity) {

    public ConnectionKey {
        identity = Map.copyOf(new TreeMap<>(identity));
    }

    /**
     * The key of a trigger whose connection is named by these metadata entries, plus every auth param and resolved
     * environment value (a credential counts as part of the connection).
     */
    public static ConnectionKey of(TriggerConfig config, Set<String> metadataKeys) {
        TreeMap<String, String> identity = new TreeMap<>();
        config.metadata().forEach((k, v) -> {
            if (metadataKeys.contains(k)) {
                identity.put("m:" + k, v);
            }
        });
        config.authParams().forEach((k, v) -> identity.put("a:" + k, v));
        config.resolvedEnv().forEach((k, v) -> identity.put("e:" + k, v));
        return new ConnectionKey(config.type(), identity);
    }

    /** The default: every input of the trigger counts, so only triggers with identical inputs share a connection. */
    public static ConnectionKey ofAllInputs(TriggerConfig config) {
        return of(config, config.metadata().keySet());
    }

    /** {@code <type>-<12 hex digits>}: stable across restarts, safe to show (a hash, no input in clear). */
    public String id() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] hash = digest.digest(new TreeMap<>(identity).toString().getBytes(StandardCharsets.UTF_8));
            return type + "-" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "ConnectionKey[" + id() + "]";
    }
}
