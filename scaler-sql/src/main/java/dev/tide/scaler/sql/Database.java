package dev.tide.scaler.sql;

import dev.tide.scaler.api.Secret;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One database and credential, as a JDBC driver takes them: what a pool is opened for, so its {@code equals} decides
 * which triggers share a pool. The password travels apart from the URL, so the URL can be shown.
 *
 * @param properties driver properties (TLS files, timeouts, session settings); may name key passwords, never shown
 */
record Database(SqlDialect dialect, String jdbcUrl, Optional<String> user, Optional<Secret> password,
        Map<String, String> properties) {

    Database {
        properties = Map.copyOf(new TreeMap<>(properties));
    }

    /** The identity of the pool for {@link dev.tide.scaler.api.ConnectionKey}: every input, secrets included. */
    Map<String, String> identity() {
        Map<String, String> identity = new TreeMap<>();
        identity.put("url", jdbcUrl);
        user.ifPresent(value -> identity.put("user", value));
        password.ifPresent(value -> identity.put("password", value.reveal()));
        properties.forEach((key, value) -> identity.put("property:" + key, value));
        return identity;
    }

    @Override
    public String toString() {
        return "Database[" + jdbcUrl + user.map(value -> ", user=" + value).orElse("") + "]";
    }
}
