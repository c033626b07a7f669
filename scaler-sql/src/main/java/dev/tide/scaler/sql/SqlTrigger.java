package dev.tide.scaler.sql;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.Secret;
import java.time.Duration;

/**
 * One {@code postgresql} or {@code mysql} trigger, bound and checked: what the shared core needs to read it. The
 * connection string is parsed only when the scaler is built ({@link #database()}), as KEDA's driver parses it only when
 * it connects.
 *
 * @param timeout the statement timeout of every read: the host's timeout for the trigger
 * @param connection a libpq string or a Go MySQL DSN, per {@code dialect}; may hold the password
 */
record SqlTrigger(String label, SqlDialect dialect, String query, MetricSpec metricSpec, double activation,
        Duration timeout, Secret connection) {

    /** @throws IllegalArgumentException naming what is malformed, never quoting the string */
    Database database() {
        return dialect.database(connection.reveal());
    }
}
