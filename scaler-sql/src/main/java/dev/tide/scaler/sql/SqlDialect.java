package dev.tide.scaler.sql;

import java.util.Map;
import java.util.function.Function;

/**
 * What differs between the two trigger types once their parameters are bound: how the connection string reads, the
 * driver, the statement that makes every later transaction of a pooled session read-only (run once per connection, so
 * a query cannot write whatever the user puts in it), driver defaults, and KEDA's words in errors.
 */
enum SqlDialect {
    POSTGRESQL(LibpqConnection::parse, "org.postgresql.Driver", "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY",
            // Seconds; a backstop for a server that stops answering: the statement timeout needs a live server.
            // connectTimeout bounds a login to a host that does not answer (the driver's default is 10 s).
            Map.of("socketTimeout", "30", "connectTimeout", "5", "tcpKeepAlive", "true"),
            "error establishing postgreSQL connection", "error inspecting postgreSQL: could not query postgreSQL"),
    MYSQL(MysqlDsn::parse, "org.mariadb.jdbc.Driver", "SET SESSION TRANSACTION READ ONLY",
            // Milliseconds, same backstop. No TLS unless the DSN asks (tls=true): the Go driver's default, where
            // MariaDB's driver 4 would require TLS.
            Map.of("socketTimeout", "30000", "connectTimeout", "5000", "tcpKeepAlive", "true", "sslMode", "disable"),
            "error establishing MySQL connection", "error inspecting MySQL");

    private final Function<String, Database> parser;
    private final String driverClassName;
    private final String readOnlySession;
    private final Map<String, String> driverDefaults;
    private final String connectFailure;
    private final String readFailure;

    SqlDialect(Function<String, Database> parser, String driverClassName, String readOnlySession,
            Map<String, String> driverDefaults, String connectFailure, String readFailure) {
        this.parser = parser;
        this.driverClassName = driverClassName;
        this.readOnlySession = readOnlySession;
        this.driverDefaults = driverDefaults;
        this.connectFailure = connectFailure;
        this.readFailure = readFailure;
    }

    /** @throws IllegalArgumentException naming what is malformed, never quoting the string */
    Database database(String connectionString) {
        return parser.apply(connectionString);
    }

    String driverClassName() {
        return driverClassName;
    }

    String readOnlySession() {
        return readOnlySession;
    }

    /** Driver properties set unless the connection string sets them. */
    Map<String, String> driverDefaults() {
        return driverDefaults;
    }

    /** KEDA's prefix when the scaler cannot be built. */
    String connectFailure() {
        return connectFailure;
    }

    /** KEDA's prefix when a read fails. */
    String readFailure() {
        return readFailure;
    }
}
