package dev.tide.scaler.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tide.scaler.api.clients.SharedClients;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connection pools of every {@code postgresql} and {@code mysql} trigger: one small HikariCP pool per
 * {@link Database} (server, database, user, password and driver settings), shared by the triggers that name it and
 * closed with the last of them. KEDA opens a {@code database/sql} pool per trigger; a thousand triggers on one server
 * here hold at most {@link #MAX_CONNECTIONS} connections to it.
 */
final class SqlPools {

    /** Connections per pool: the queries are short, and the host's bulkhead bounds how many run at once anyway. */
    static final int MAX_CONNECTIONS = 4;

    /** How long a read waits for a connection (a new one, when the server was away): KEDA's default timeout. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);

    private static final SqlPools SHARED = new SqlPools();
    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private final SharedClients<Database, HikariDataSource> pools = new SharedClients<>(SqlPools::open, HikariDataSource::close);

    /** The pools every factory the ServiceLoader makes shares. */
    static SqlPools shared() {
        return SHARED;
    }

    SharedClients.Lease<HikariDataSource> acquire(Database database) {
        return pools.acquire(database);
    }

    /** How many pools are open now. */
    int size() {
        return pools.size();
    }

    /**
     * A pool that makes every connection's transactions read-only and keeps no idle connection beyond a minute. Before
     * the pool exists, one connection is made straight through the driver and closed, so a wrong password or an
     * unreachable server fails the first trigger at once with the driver's reason (Hikari's own first attempt sleeps a
     * second after a refused login). The password goes to the driver as a property, never into the URL, so no Hikari
     * log line can show it.
     *
     * @throws IllegalStateException with the driver's {@link SQLException} as its cause
     */
    private static HikariDataSource open(Database database) {
        SqlDialect dialect = database.dialect();
        Properties properties = new Properties();
        properties.putAll(dialect.driverDefaults());
        properties.putAll(database.properties());
        connectOnce(database, properties);
        HikariConfig config = new HikariConfig();
        config.setPoolName("tide-" + dialect.name().toLowerCase(Locale.ROOT) + "-" + POOL_NUMBER.incrementAndGet());
        config.setDriverClassName(dialect.driverClassName());
        config.setJdbcUrl(database.jdbcUrl());
        database.user().ifPresent(config::setUsername);
        database.password().ifPresent(password -> config.setPassword(password.reveal()));
        config.setDataSourceProperties(properties);
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setMinimumIdle(0);
        config.setIdleTimeout(Duration.ofMinutes(1).toMillis());
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setInitializationFailTimeout(-1);
        config.setReadOnly(true);
        config.setAutoCommit(true);
        config.setConnectionInitSql(dialect.readOnlySession());
        return new HikariDataSource(config);
    }

    /** The driver is loaded from this plugin's class loader: {@code DriverManager} would look in the caller's. */
    private static void connectOnce(Database database, Properties driverProperties) {
        Properties properties = new Properties();
        properties.putAll(driverProperties);
        database.user().ifPresent(user -> properties.setProperty("user", user));
        database.password().ifPresent(password -> properties.setProperty("password", password.reveal()));
        try {
            Driver driver = (Driver) Class.forName(database.dialect().driverClassName(), true, SqlPools.class.getClassLoader())
                    .getDeclaredConstructor().newInstance();
            try (Connection connection = driver.connect(database.jdbcUrl(), properties)) {
                if (connection == null) {
                    throw new SQLException("the driver does not accept " + database.jdbcUrl());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the JDBC driver " + database.dialect().driverClassName() + " cannot be loaded", e);
        }
    }
}
