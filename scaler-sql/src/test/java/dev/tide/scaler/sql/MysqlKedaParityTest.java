package dev.tide.scaler.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.Secret;
import dev.tide.scaler.api.TriggerCheck;
import dev.tide.scaler.api.TriggerConfig;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * KEDA's own tables for the mysql scaler ({@code pkg/scalers/mysql_scaler_test.go}), row for row; each display name
 * starts with KEDA's comment. Where KEDA only says "error", the message is Tide's binder's.
 */
class MysqlKedaParityTest {

    private static final String LABEL = "trigger[0] (mysql): ";
    /** KEDA's {@code testMySQLResolvedEnv}, which its parse test passes to every row. */
    private static final Map<String, String> ENV = Map.of("MYSQL_USERNAME", "test_username", "MYSQL_PASSWORD", "pass",
            "MYSQL_CONN_STR", "user@tcp(http://my.mysql.dev:3306)/stats_db");
    private static final Map<String, String> AUTH = Map.of("host", "test_host", "port", "test_port", "username",
            "test_username", "password", "MYSQL_PASSWORD", "dbName", "test_dbname");

    private final MysqlScalerFactory factory = new MysqlScalerFactory(new SqlPools());

    private static TriggerConfig config(int index, Map<String, String> metadata, Map<String, String> auth) {
        return TriggerConfig.builder("mysql").triggerIndex(index).metadata(metadata).resolvedEnv(ENV).authParams(auth).build();
    }

    // ---- testMySQLMetadata (TestParseMySQLMetadata) -----------------------------------------------------------------

    static Stream<Arguments> parseRows() {
        return Stream.of(
                Arguments.of("No metadata", Map.of(), Map.of(), "missing required parameter \"query\" in [triggerMetadata]; "
                        + "missing required parameter \"queryValue\" in [triggerMetadata]"),
                Arguments.of("connectionString", Map.of("query", "query", "queryValue", "12", "connectionStringFromEnv", "MYSQL_CONN_STR"), Map.of(), null),
                Arguments.of("Params instead of conn str", Map.of("query", "query", "queryValue", "12", "host", "test_host", "port", "test_port",
                        "username", "test_username", "passwordFromEnv", "MYSQL_PASSWORD", "dbName", "test_dbname"), Map.of(), null),
                Arguments.of("Params instead of conn str with userFromEnv", Map.of("query", "query", "queryValue", "12", "host", "test_host",
                        "port", "test_port", "usernameFromEnv", "MYSQL_USERNAME", "passwordFromEnv", "MYSQL_PASSWORD", "dbName", "test_dbname"), Map.of(), null),
                Arguments.of("Params from trigger authentication", Map.of("query", "query", "queryValue", "12"), AUTH, null),
                Arguments.of("Invalid activationQueryValue", Map.of("query", "query", "queryValue", "12", "activationQueryValue", "AA"), AUTH,
                        "parameter \"activationQueryValue\" value \"AA\" must be a number"),
                Arguments.of("No username provided in authParams, metadata, resolvedEnv", Map.of("query", "query", "queryValue", "12", "activationQueryValue", "AA"),
                        Map.of("host", "test_host", "port", "test_port", "password", "MYSQL_PASSWORD", "dbName", "test_dbname"),
                        "parameter \"activationQueryValue\" value \"AA\" must be a number"));
    }

    /** As in KEDA, a missing username is no error by itself (that row fails on its activationQueryValue). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("parseRows")
    void metadataIsAcceptedOrRefusedAsKedaDecides(String row, Map<String, String> metadata, Map<String, String> auth, String refusal) {
        ParityRows.acceptedOrRefused(factory, config(0, metadata, auth), refusal);
    }

    // ---- TestMetadataToConnectionStrUseConnStr, TestMetadataToConnectionStrBuildNew ------------------------------

    @Test
    void aConnectionStringIsUsedAsItIs() {
        SqlTrigger trigger = factory.parse(config(0, Map.of("query", "query", "queryValue", "12",
                "connectionStringFromEnv", "MYSQL_CONN_STR"), Map.of()));
        assertThat(trigger.connection().reveal()).isEqualTo(ENV.get("MYSQL_CONN_STR"));
    }

    @Test
    void theConnectionStringIsBuiltFromItsPartsAsKedaBuildsIt() {
        SqlTrigger trigger = factory.parse(config(0, Map.of("query", "query", "queryValue", "12", "host", "test_host",
                "port", "test_port", "username", "test_username", "passwordFromEnv", "MYSQL_PASSWORD", "dbName", "test_dbname"), Map.of()));
        assertThat(trigger.connection().reveal()).isEqualTo("test_username:pass@tcp(test_host:test_port)/test_dbname");
    }

    // ---- mySQLMetricIdentifiers (TestMySQLGetMetricSpecForScaling) ---------------------------------------------------

    @ParameterizedTest(name = "row {0}, trigger index {1}: {2}")
    @CsvSource({"1, 0, s0-mysql-stats_db", "2, 1, s1-mysql-test_dbname"})
    void theMetricIsNamedAfterTheDatabase(int row, int index, String name) {
        Map<String, String> metadata = (Map<String, String>) parseRows().toList().get(row).get()[1];
        SqlTrigger trigger = factory.parse(config(index, metadata, Map.of()));
        assertThat(trigger.metricSpec().metricName()).isEqualTo(name);
        assertThat(trigger.metricSpec().target().toDouble()).isEqualTo(12);
    }

    // ---- Tide: the Go DSN as the JDBC driver gets it -----------------------------------------------------------------

    static Stream<Arguments> dsnForms() {
        return Stream.of(
                Arguments.of("test_username:pass@tcp(test_host:3306)/test_dbname", "jdbc:mariadb://test_host:3306/test_dbname", "test_username", "pass", Map.of()),
                Arguments.of("app:p@ss/w?rd@tcp(db)/jobs?tls=true&sql_mode=ANSI&parseTime=true", "jdbc:mariadb://db:3306/jobs", "app", "p@ss/w?rd",
                        Map.of("sslMode", "verify-full", "sessionVariables", "sql_mode=ANSI")),
                Arguments.of("/jobs", "jdbc:mariadb://127.0.0.1:3306/jobs", null, null, Map.of()),
                Arguments.of("root@tcp(:3307)/", "jdbc:mariadb://localhost:3307/", "root", null, Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dsnForms")
    void aGoDsnReachesTheDriver(String dsn, String url, String user, String password, Map<String, String> properties) {
        Database database = MysqlDsn.parse(dsn);
        assertThat(database.jdbcUrl()).isEqualTo(url);
        assertThat(database.user()).isEqualTo(Optional.ofNullable(user));
        assertThat(database.password()).isEqualTo(Optional.ofNullable(password).map(Secret::of));
        assertThat(database.properties()).isEqualTo(properties);
        assertThat(database.toString()).doesNotContain("pass");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "user:canary-secret@tcp(db:3306)        | invalid DSN: missing the slash separating the database name",
            "user:canary-secret@tcp(db:3306/x)y/jobs | invalid DSN: did you forget to escape a param value?",
            "user:canary-secret@unix(/run/sock)/jobs | invalid DSN: network \"unix\" is not supported; Tide connects to MySQL over TCP only",
            "user:canary-secret@tcp(http://my.mysql.dev:3306)/stats_db | invalid DSN: the address in tcp(...) must be host:port"})
    void aMalformedDsnIsAConfigErrorWithoutItsText(String dsn, String message) {
        TriggerConfig config = config(0, Map.of("query", "q", "queryValue", "1"), Map.of("connectionString", dsn));
        assertThatThrownBy(() -> factory.create(config)).isInstanceOf(ScalerConfigException.class)
                .hasMessage(LABEL + "error establishing MySQL connection: " + message);
    }

    /** KEDA names the metric after the whole string when it has no slash, password included; Tide says {@code dbname}. */
    @Test
    void aConnectionStringWithoutASlashNeverNamesTheMetricAfterItsPassword() {
        SqlTrigger trigger = factory.parse(config(0, Map.of("query", "q", "queryValue", "1"),
                Map.of("connectionString", "user:canary-secret@tcp(db:3306)")));
        assertThat(trigger.metricSpec().metricName()).isEqualTo("s0-mysql-dbname");
    }
}
