package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tide.scaler.sql.testing.MariaDbServer;
import dev.tide.scaler.sql.testing.PostgresServer;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The postgresql and mysql triggers through the whole controller, against real servers (Debian's PostgreSQL 15 and
 * MariaDB 10.11, started once for the JVM): the served value is the server's own {@code SELECT count(*)}, the workload
 * goes 0 → N → 0 with it, a stopped server never scales in and serves the fallback, and a wrong password is a clear
 * error that shows the password nowhere.
 */
class ScalingSqlIT extends ScalingTestSupport {

    private static final String WRONG_PASSWORD = "canary-wrong-sql-5b7e21";

    /** One server and how a KEDA user writes its trigger (connection parts in metadata, password from a Secret). */
    enum Database {
        POSTGRESQL("postgresql", "s0-postgresql", PostgresServer.PASSWORD) {
            @Override
            String metadata() {
                return """
                        query: SELECT count(*) FROM jobs
                        targetQueryValue: "5"
                        host: 127.0.0.1
                        port: "%d"
                        userName: %s
                        dbName: %s
                        sslmode: disable""".formatted(PostgresServer.shared().port(), PostgresServer.USER, PostgresServer.DATABASE);
            }

            @Override
            void execute(String sql) {
                PostgresServer.shared().execute(sql);
            }

            @Override
            LongSupplier jobs() {
                return () -> PostgresServer.shared().count("SELECT count(*) FROM jobs");
            }

            @Override
            void stop() {
                PostgresServer.shared().stop();
            }

            @Override
            void start() {
                PostgresServer.shared().start();
            }
        },
        MYSQL("mysql", "s0-mysql-" + MariaDbServer.DATABASE, MariaDbServer.PASSWORD) {
            @Override
            String metadata() {
                return """
                        query: SELECT count(*) FROM jobs
                        queryValue: "5"
                        host: 127.0.0.1
                        port: "%d"
                        username: %s
                        dbName: %s""".formatted(MariaDbServer.shared().port(), MariaDbServer.USER, MariaDbServer.DATABASE);
            }

            @Override
            void execute(String sql) {
                MariaDbServer.shared().execute(sql);
            }

            @Override
            LongSupplier jobs() {
                return () -> MariaDbServer.shared().count("SELECT count(*) FROM jobs");
            }

            @Override
            void stop() {
                MariaDbServer.shared().stop();
            }

            @Override
            void start() {
                MariaDbServer.shared().start();
            }
        };

        private final String type;
        private final String metric;
        private final String password;

        Database(String type, String metric, String password) {
            this.type = type;
            this.metric = metric;
            this.password = password;
        }

        abstract String metadata();

        abstract void execute(String sql);

        abstract LongSupplier jobs();

        abstract void stop();

        abstract void start();

        /** A Secret and TriggerAuthentication with {@code password}, a Deployment and its ScaledObject; does not wait. */
        void apply(String ns, int replicas, String password, String specExtras) {
            applyPasswordAuthentication(ns, "db", password);
            applyScaledObject(ns, "worker", replicas, 1, specExtras, """
                    - type: %s
                      authenticationRef:
                        name: db
                      metadata:
                    %s
                    """.formatted(type, metadata().indent(4).stripTrailing()));
        }
    }

    private String servedValue(String ns, String metric) {
        return metricValue(get(metricPath(ns, "worker", metric)));
    }

    private static void insertJobs(Database database, int count) {
        for (int i = 0; i < count; i++) {
            database.execute("INSERT INTO jobs (state) VALUES ('queued')");
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void theWorkloadFollowsTheServersCountFromZeroToNAndBack(Database database) {
        String ns = "sql-" + database.type;
        database.execute("DELETE FROM jobs");
        database.apply(ns, 0, database.password, "cooldownPeriod: 60");
        ReconcilerTestSupport.awaitCondition(ns, "worker", "Ready", "True");
        await().atMost(WAIT).until(() -> conditionReason(ns, "worker", "Active").equals("False/ScalerNotActive"));

        insertJobs(database, 12);
        awaitReplicas(ns, "worker", 1, WAIT);
        await().atMost(WAIT).untilAsserted(() -> assertThat(servedValue(ns, database.metric))
                .isEqualTo(Long.toString(database.jobs().getAsLong())).isEqualTo("12"));

        database.execute("DELETE FROM jobs");
        awaitCooldownToZero(ns, "worker", Duration.ofSeconds(5));
        deleteScaledObject(ns, "worker");
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void aStoppedServerNeverScalesInAndServesTheFallback(Database database) {
        String ns = "sql-down-" + database.type;
        database.execute("DELETE FROM jobs");
        insertJobs(database, 7);
        database.apply(ns, 2, database.password, """
                cooldownPeriod: 0
                fallback:
                  failureThreshold: 2
                  replicas: 3""");
        ReconcilerTestSupport.awaitCondition(ns, "worker", "Ready", "True");
        await().atMost(WAIT).until(() -> conditionReason(ns, "worker", "Active").equals("True/ScalerActive"));

        database.stop();
        try {
            CLOCK.advance(Duration.ofHours(1));
            await().atMost(Duration.ofSeconds(20)).until(() -> conditionReason(ns, "worker", "Fallback").equals("True/FallbackExists"));
            assertThat(replicas(ns, "worker")).isEqualTo(2);
            Response fallback = get(metricPath(ns, "worker", database.metric));
            assertThat(fallback.body()).containsEntry("fallback", true);
            // queryValue (5) × fallback replicas (3).
            assertThat(servedValue(ns, database.metric)).isEqualTo("15");
        } finally {
            database.start();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> conditionReason(ns, "worker", "Fallback").equals("False/NoFallbackFound"));
        assertThat(replicas(ns, "worker")).isEqualTo(2);
        deleteScaledObject(ns, "worker");
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void aWrongPasswordIsAClearErrorThatNeverShowsThePassword(Database database) {
        String ns = "sql-password-" + database.type;
        database.apply(ns, 1, WRONG_PASSWORD, "");
        ReconcilerTestSupport.awaitCondition(ns, "worker", "Ready", "False");
        // A build on 2 busy cores may outlast the tests' 1 s plugin-call timeout once (scram hashing, cold classes):
        // that event says so, and the retried build reports the server's refusal.
        await().atMost(WAIT).untilAsserted(() -> assertThat(ReconcilerTestSupport.events(ns))
                .filteredOn(event -> event.getReason().equals("KEDAScalerFailed"))
                .anySatisfy(event -> assertThat(event.getMessage())
                        .startsWith("trigger[0] (" + database.type + "): error establishing ")
                        .containsAnyOf("password authentication failed", "Access denied"))
                .allSatisfy(event -> assertThat(event.getMessage()).doesNotContain(WRONG_PASSWORD, database.password)));
        assertThat(ReconcilerTestSupport.condition(ns, "worker", "Ready").orElseThrow().message()).doesNotContain(WRONG_PASSWORD);
        assertThat(String.valueOf(ReconcilerTestSupport.scaledObject(ns, "worker").getStatus())).doesNotContain(WRONG_PASSWORD);
        assertThat(MockCluster.logLines()).noneMatch(line -> line.contains(WRONG_PASSWORD) || line.contains(database.password));
        assertThat(replicas(ns, "worker")).isEqualTo(1);
        deleteScaledObject(ns, "worker");
    }
}
