package dev.tide.scaler.sql;

import static dev.tide.scaler.api.params.Source.AUTH_PARAMS;
import static dev.tide.scaler.api.params.Source.RESOLVED_ENV;
import static dev.tide.scaler.api.params.Source.TRIGGER_METADATA;

import dev.tide.scaler.api.Secret;
import dev.tide.scaler.api.params.Param;
import java.util.Optional;

/**
 * Where a {@code mysql} trigger connects, named and sourced as KEDA's {@code mySQLMetadata} declares it: a Go driver DSN,
 * or its parts, which are formatted into a DSN as KEDA formats them so both forms go through one parser.
 */
record MysqlConnectionParameters(
        @Param(order = {AUTH_PARAMS, RESOLVED_ENV}, description = "Go MySQL driver DSN, "
                + "`user:password@tcp(host:port)/dbname?param=value`; when set, the parts below are not used")
        Optional<Secret> connectionString,

        @Param(order = {TRIGGER_METADATA, AUTH_PARAMS, RESOLVED_ENV}, description = "user name")
        Optional<String> username,

        @Param(order = {AUTH_PARAMS, RESOLVED_ENV}, description = "password for username")
        Optional<Secret> password,

        @Param(order = {TRIGGER_METADATA, AUTH_PARAMS}, description = "server host name")
        Optional<String> host,

        @Param(order = {TRIGGER_METADATA, AUTH_PARAMS}, description = "server port")
        Optional<String> port,

        @Param(order = {TRIGGER_METADATA, AUTH_PARAMS}, description = "database name; names the metric "
                + "(`s<i>-mysql-<dbName>`)")
        Optional<String> dbName) {

    /** KEDA's {@code metadataToConnectionStr}. */
    Secret dsn() {
        return connectionString.orElseGet(() -> Secret.of(MysqlDsn.format(username.orElse(""),
                password.map(Secret::reveal).orElse(""), host.orElse(""), port.orElse(""), dbName.orElse(""))));
    }

    /**
     * The database the metric is named after: with a connection string, KEDA's text after its last {@code /}
     * (parameters included), else {@code dbName}. A string without a slash gives {@code dbname}, as KEDA's comment
     * intends (its code would name the metric after the whole string, password and all).
     */
    String metricDbName() {
        return connectionString.map(Secret::reveal)
                .map(dsn -> dsn.indexOf('/') < 0 ? "dbname" : dsn.substring(dsn.lastIndexOf('/') + 1))
                .orElse(dbName.orElse(""));
    }
}
