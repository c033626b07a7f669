package dev.tide.scaler.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.sql.testing.MariaDbServer;
import dev.tide.scaler.sql.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

/**
 * Both SQL trigger types against real servers (PostgreSQL 15 and MariaDB 10.11, started once for the JVM): the value
 * is the server's own {@code SELECT count(*)}, a wrong password and a stopped server are errors that never show the
 * password, a slow query times out as an error, answers that are not one number are errors as in KEDA, the query
 * cannot write, and triggers on one database share one pool.
 */
class SqlScalerIT {

    private static final String WRONG_PASSWORD = "canary-wrong-93d1e0";

    /** One server and its trigger type. */
    enum Backend {
        POSTGRESQL, MYSQL;

        ScalerFactory factory(SqlPools pools) {
            return this == POSTGRESQL ? new PostgresqlScalerFactory(pools) : new MysqlScalerFactory(pools);
        }

        /** The trigger's metadata and auth params with {@code password}, connection given as parts. */
        TriggerConfig trigger(String query, String password, Duration timeout) {
            Map<String, String> metadata = new HashMap<>(Map.of("query", query));
            if (this == POSTGRESQL) {
                PostgresServer server = PostgresServer.shared();
                metadata.putAll(Map.of("targetQueryValue", "2", "activationTargetQueryValue", "1", "host", "127.0.0.1",
                        "port", Integer.toString(server.port()), "userName", PostgresServer.USER,
                        "dbName", PostgresServer.DATABASE, "sslmode", "disable"));
            } else {
                MariaDbServer server = MariaDbServer.shared();
                metadata.putAll(Map.of("queryValue", "2", "activationQueryValue", "1", "host", "127.0.0.1",
                        "port", Integer.toString(server.port()), "username", MariaDbServer.USER, "dbName", MariaDbServer.DATABASE));
            }
            return TriggerConfig.builder(name().toLowerCase(java.util.Locale.ROOT)).metadata(metadata)
                    .authParams(Map.of("password", password)).timeout(timeout).build();
        }

        String password() {
            return this == POSTGRESQL ? PostgresServer.PASSWORD : MariaDbServer.PASSWORD;
        }

        Consumer<String[]> execute() {
            return this == POSTGRESQL ? statements -> PostgresServer.shared().execute(statements)
                    : statements -> MariaDbServer.shared().execute(statements);
        }

        LongSupplier jobs() {
            String count = "SELECT count(*) FROM jobs";
            return this == POSTGRESQL ? () -> PostgresServer.shared().count(count) : () -> MariaDbServer.shared().count(count);
        }

        void stop() {
            if (this == POSTGRESQL) {
                PostgresServer.shared().stop();
            } else {
                MariaDbServer.shared().stop();
            }
        }

        void start() {
            if (this == POSTGRESQL) {
                PostgresServer.shared().start();
            } else {
                MariaDbServer.shared().start();
            }
        }

        String sleep(int seconds) {
            return this == POSTGRESQL ? "SELECT 1 FROM pg_sleep(" + seconds + ")" : "SELECT SLEEP(" + seconds + ")";
        }
    }

    private final SqlPools pools = new SqlPools();

    @AfterAll
    static void noLogLineShowsAPassword() throws Exception {
        Path log = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile", "target/sql-it.log"));
        if (Files.exists(log)) {
            assertThat(Files.readString(log)).doesNotContain(PostgresServer.PASSWORD, MariaDbServer.PASSWORD, WRONG_PASSWORD);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theValueIsTheServersOwnCountAndActivityFollowsIt(Backend backend) {
        backend.execute().accept(new String[] {"DELETE FROM jobs"});
        try (Scaler scaler = backend.factory(pools).create(backend.trigger("SELECT count(*) FROM jobs", backend.password(),
                Duration.ofSeconds(3)))) {
            String metric = scaler.metricSpecs().get(0).metricName();
            assertThat(scaler.sample(metric)).isEqualTo(sample(metric, 0, false));
            backend.execute().accept(new String[] {"INSERT INTO jobs (state) VALUES ('queued')",
                    "INSERT INTO jobs (state) VALUES ('queued')", "INSERT INTO jobs (state) VALUES ('queued')"});
            assertThat(backend.jobs().getAsLong()).isEqualTo(3);
            assertThat(scaler.sample(metric)).isEqualTo(sample(metric, backend.jobs().getAsLong(), true));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aWrongPasswordIsReportedWithoutThePassword(Backend backend) {
        TriggerConfig trigger = backend.trigger("SELECT count(*) FROM jobs", WRONG_PASSWORD, Duration.ofSeconds(3));
        assertThatThrownBy(() -> backend.factory(pools).create(trigger)).isInstanceOf(ScalerException.class)
                .satisfies(error -> assertThat(error.getMessage())
                        .startsWith(trigger.label() + ": error establishing ")
                        .containsAnyOf("password authentication failed", "Access denied")
                        .doesNotContain(WRONG_PASSWORD, backend.password()));
        assertThat(pools.size()).as("the pool of a trigger that failed is closed").isZero();
        assertThat(trigger.toString()).doesNotContain(WRONG_PASSWORD);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aStoppedServerFailsTheReadInsteadOfReadingZero(Backend backend) {
        try (Scaler scaler = backend.factory(pools).create(backend.trigger("SELECT count(*) FROM jobs", backend.password(),
                Duration.ofSeconds(2)))) {
            String metric = scaler.metricSpecs().get(0).metricName();
            scaler.sample(metric);
            backend.stop();
            try {
                assertThatThrownBy(() -> scaler.sample(metric)).isInstanceOf(ScalerException.class)
                        .hasMessageStartingWith(backend.trigger("q", "", Duration.ZERO).label() + ": error inspecting ")
                        .satisfies(error -> assertThat(error.getMessage()).doesNotContain(backend.password()));
            } finally {
                backend.start();
            }
            assertThat(scaler.sample(metric).values().get(0).value().toDouble()).as("the pool reconnects")
                    .isEqualTo(backend.jobs().getAsLong());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aQuerySlowerThanTheTimeoutIsAReadError(Backend backend) {
        try (Scaler scaler = backend.factory(pools).create(backend.trigger(backend.sleep(5), backend.password(),
                Duration.ofSeconds(1)))) {
            Instant start = Instant.now();
            assertThatThrownBy(() -> scaler.sample(scaler.metricSpecs().get(0).metricName()))
                    .isInstanceOf(ScalerException.class).hasMessageContaining("error inspecting ");
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(4));
        }
    }

    static Stream<Arguments> answers() {
        return Stream.of(Backend.values()).flatMap(backend -> Stream.of(
                Arguments.of(backend, "SELECT 7.5", "7.5"),
                Arguments.of(backend, "SELECT '12'", "12"),
                Arguments.of(backend, "SELECT count(*) FROM jobs WHERE 1 = 0", "0"),
                Arguments.of(backend, "SELECT id FROM jobs WHERE 1 = 0", "sql: no rows in result set"),
                Arguments.of(backend, "SELECT NULL AS x", "sql: Scan error on column index 0, name \"x\": converting NULL to float64 is unsupported"),
                Arguments.of(backend, "SELECT 'abc' AS x", "sql: Scan error on column index 0, name \"x\": converting driver.Value type string (\"abc\") to a float64: invalid syntax"),
                Arguments.of(backend, "SELECT 1, 2", "sql: expected 2 destination arguments in Scan, not 1")));
    }

    /** KEDA's {@code QueryRow(query).Scan(&float64)}: the first row's one cell, or the Go driver's error. */
    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("answers")
    void anAnswerThatIsNotOneNumberIsAnErrorAsInKeda(Backend backend, String query, String expected) {
        try (Scaler scaler = backend.factory(pools).create(backend.trigger(query, backend.password(), Duration.ofSeconds(3)))) {
            String metric = scaler.metricSpecs().get(0).metricName();
            if (expected.startsWith("sql:")) {
                assertThatThrownBy(() -> scaler.sample(metric)).isInstanceOf(ScalerException.class)
                        .hasMessageEndingWith(": " + expected);
            } else {
                assertThat(scaler.sample(metric).values().get(0).value().toDouble()).isEqualTo(Double.parseDouble(expected));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theQueryRunsInAReadOnlyTransaction(Backend backend) {
        backend.execute().accept(new String[] {"INSERT INTO jobs (state) VALUES ('queued')"});
        long before = backend.jobs().getAsLong();
        String writing = backend == Backend.POSTGRESQL ? "WITH gone AS (DELETE FROM jobs RETURNING 1) SELECT count(*) FROM gone"
                : "DELETE FROM jobs";
        try (Scaler scaler = backend.factory(pools).create(backend.trigger(writing, backend.password(), Duration.ofSeconds(3)))) {
            assertThatThrownBy(() -> scaler.sample(scaler.metricSpecs().get(0).metricName()))
                    .isInstanceOf(ScalerException.class).hasMessageMatching("(?is).*read[- ]only transaction.*");
        }
        assertThat(backend.jobs().getAsLong()).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void triggersOnOneDatabaseShareOnePoolClosedWithTheLast(Backend backend) {
        ScalerFactory factory = backend.factory(pools);
        TriggerConfig first = backend.trigger("SELECT count(*) FROM jobs", backend.password(), Duration.ofSeconds(3));
        TriggerConfig second = backend.trigger("SELECT 1", backend.password(), Duration.ofSeconds(3));
        assertThat(factory.connectionKey(first)).isEqualTo(factory.connectionKey(second));
        Scaler one = factory.create(first);
        try (Scaler two = factory.create(second)) {
            assertThat(pools.size()).isEqualTo(1);
            one.close();
            assertThat(pools.size()).isEqualTo(1);
            assertThat(two.sample(two.metricSpecs().get(0).metricName()).values().get(0).value().toDouble()).isEqualTo(1);
        }
        assertThat(pools.size()).isZero();
    }

    private static ScalerSample sample(String metric, long value, boolean active) {
        return ScalerSample.of(dev.tide.scaler.api.MetricValue.of(metric, value), active);
    }
}
