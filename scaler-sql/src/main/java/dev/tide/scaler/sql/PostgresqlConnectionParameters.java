package dev.tide.scaler.sql;

import static dev.tide.scaler.api.params.Source.AUTH_PARAMS;
import static dev.tide.scaler.api.params.Source.RESOLVED_ENV;
import static dev.tide.scaler.api.params.Source.TRIGGER_METADATA;

import dev.tide.scaler.api.Secret;
import dev.tide.scaler.api.params.Param;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a {@code postgresql} trigger connects, named and sourced as KEDA's {@code postgreSQLMetadata} declares it: a
 * whole connection string, or its parts. The parts are joined into one libpq string exactly as KEDA joins them, so both
 * forms go through the same parser.
 */
record PostgresqlConnectionParameters(
        @Param(order = {AUTH_PARAMS, RESOLVED_ENV}, description = "libpq connection string (`host=… port=… user=… "
                + "dbname=… sslmode=…`) or `postgresql://` URL; when set, the parts below are not used")
        Optional<Secret> connection,

        @Param(order = {AUTH_PARAMS, TRIGGER_METADATA}, description = "server host name; several separated by commas")
        Optional<String> host,

        @Param(order = {AUTH_PARAMS, TRIGGER_METADATA}, description = "server port")
        Optional<String> port,

        @Param(order = {AUTH_PARAMS, TRIGGER_METADATA}, description = "user name")
        Optional<String> userName,

        @Param(order = {AUTH_PARAMS, TRIGGER_METADATA}, description = "database name")
        Optional<String> dbName,

        @Param(order = {AUTH_PARAMS, TRIGGER_METADATA}, description = "libpq sslmode: disable, allow, prefer, require, "
                + "verify-ca or verify-full")
        Optional<String> sslmode,

        @Param(order = {AUTH_PARAMS, RESOLVED_ENV}, description = "password for userName")
        Optional<Secret> password) {

    /** KEDA's {@code Validate}: without a connection string every part is needed; the first missing one is named. */
    PostgresqlConnectionParameters {
        if (connection.isEmpty()) {
            List<String> missing = Stream.of(host.isEmpty() ? "host" : null, port.isEmpty() ? "port" : null,
                    userName.isEmpty() ? "userName" : null, dbName.isEmpty() ? "dbName" : null,
                    sslmode.isEmpty() ? "sslmode" : null).filter(name -> name != null).toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("no " + missing.get(0) + " given");
            }
        }
    }

    /** KEDA's {@code meta.Connection}: the connection string, or the parts joined with an empty password when none. */
    Secret connectionString() {
        return connection.orElseGet(() -> Secret.of(String.join(" ", "host=" + LibpqConnection.escape(host.orElseThrow()),
                "port=" + LibpqConnection.escape(port.orElseThrow()),
                "user=" + LibpqConnection.escape(userName.orElseThrow()),
                "dbname=" + LibpqConnection.escape(dbName.orElseThrow()),
                "sslmode=" + LibpqConnection.escape(sslmode.orElseThrow()),
                "password=" + LibpqConnection.escape(password.map(Secret::reveal).orElse("")))));
    }
}
