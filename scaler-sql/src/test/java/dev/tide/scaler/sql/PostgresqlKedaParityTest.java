package dev.tide.scaler.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.PodIdentity;
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
import org.junit.jupiter.params.provider.MethodSource;

/**
 * KEDA's own tables for the postgresql scaler ({@code pkg/scalers/postgresql_scaler_test.go}), row for row; each display
 * name starts with KEDA's comment or case name. Where KEDA only says "error", the message is Tide's; where Tide decides
 * differently, the row says why.
 */
class PostgresqlKedaParityTest {

    private static final String LABEL = "trigger[0] (postgresql): ";
    private final PostgresqlScalerFactory factory = new PostgresqlScalerFactory(new SqlPools());

    private static TriggerConfig config(int index, Map<String, String> metadata, Map<String, String> env,
            Map<String, String> auth) {
        return TriggerConfig.builder("postgresql").triggerIndex(index).metadata(metadata).resolvedEnv(env).authParams(auth).build();
    }

    // ---- testPostgreSQLMetadata, through TestPostgreSQLGetMetricSpecForScaling (postgreSQLMetricIdentifiers) -------

    private static final Map<String, String> ENV = Map.of("test_connection_string", "postgresql://localhost:5432",
            "test_connection_string2", "postgresql://test@localhost");

    static Stream<Arguments> metadataRows() {
        return Stream.of(
                Arguments.of("connection with username and password", Map.of("query", "test_query", "targetQueryValue", "5", "connectionFromEnv", "test_connection_string")),
                Arguments.of("connection with username", Map.of("query", "test_query", "targetQueryValue", "5", "connectionFromEnv", "test_connection_string2")),
                Arguments.of("connection with activationTargetQueryValue", Map.of("query", "test_query", "targetQueryValue", "5", "activationTargetQueryValue", "3", "connectionFromEnv", "test_connection_string2")),
                Arguments.of("connection without username and password", Map.of("query", "test_query", "targetQueryValue", "5", "connection", "postgresql://localhost:5432")),
                Arguments.of("connection with password + metricname", Map.of("query", "test_query", "targetQueryValue", "5", "connection", "postgresql://username:password@localhost:5432", "metricName", "scaler_sql_data2")),
                Arguments.of("dbName", Map.of("query", "test_query", "targetQueryValue", "5", "host", "test_host", "port", "test_port", "userName", "test_user_name", "dbName", "test_db_name", "sslmode", "test_ssl_mode")),
                Arguments.of("dbName + metricName", Map.of("query", "test_query", "targetQueryValue", "5", "host", "test_host", "port", "test_port", "userName", "test_user_name", "dbName", "test_db_name", "sslmode", "test_ssl_mode", "metricName", "scaler_sql_data")));
    }

    /**
     * Every row parses and names its metric {@code s<i>-postgresql}, except the two that set {@code connection} as
     * metadata: KEDA reads it from authParams and the environment only, so its {@code Validate} refuses them with
     * {@code no host given} too (KEDA's test only ever parses rows 0 and 1).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("metadataRows")
    void everyMetadataRowNamesItsMetricWithTheTriggerIndex(String row, Map<String, String> metadata) {
        for (int index : new int[] {0, 1}) {
            TriggerConfig config = config(index, metadata, ENV, Map.of());
            if (metadata.containsKey("connection")) {
                assertThatThrownBy(() -> factory.parse(config)).hasMessageEndingWith("no host given");
                continue;
            }
            SqlTrigger trigger = factory.parse(config);
            assertThat(trigger.metricSpec().metricName()).isEqualTo("s" + index + "-postgresql");
            assertThat(trigger.metricSpec().target().toDouble()).isEqualTo(5);
            assertThat(trigger.activation()).isEqualTo(Double.parseDouble(metadata.getOrDefault("activationTargetQueryValue", "0")));
        }
    }

    // ---- testPostgreSQLConnectionstring (TestPostgreSQLConnectionStringGeneration) ----------------------------------

    static Stream<Arguments> connectionStringRows() {
        Map<String, String> query = Map.of("query", "test_query", "targetQueryValue", "5");
        return Stream.of(
                Arguments.of("from environment", with(query, "connectionFromEnv", "CONNECTION_ENV"), Map.of("CONNECTION_ENV", "test_connection_from_env"), Map.of(), "test_connection_from_env"),
                Arguments.of("from authentication", query, Map.of(), Map.of("connection", "test_connection_from_auth"), "test_connection_from_auth"),
                Arguments.of("from meta", with(query, "host", "localhost", "port", "1234", "dbName", "testDb", "userName", "user", "sslmode", "required"), Map.of(), Map.of(),
                        "host=localhost port=1234 user=user dbname=testDb sslmode=required password="),
                Arguments.of("from meta, multiple hosts", with(query, "host", "host1,host2", "port", "1234", "dbName", "testDb", "userName", "user", "sslmode", "required"), Map.of(), Map.of(),
                        "host=host1,host2 port=1234 user=user dbname=testDb sslmode=required password="));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectionStringRows")
    void theConnectionStringIsBuiltAsKedaBuildsIt(String row, Map<String, String> metadata, Map<String, String> env,
            Map<String, String> auth, String expected) {
        assertThat(factory.parse(config(0, metadata, env, auth)).connection().reveal()).isEqualTo(expected);
    }

    // ---- TestEscapePostgreConnectionParameter ---------------------------------------------------------------------

    static Stream<Arguments> escapeRows() {
        return Stream.of(Arguments.of("simple", "simple", "simple"), Arguments.of("space", "with space", "'with space'"),
                Arguments.of("tab", "user\tsslmode=disable", "'user\tsslmode=disable'"),
                Arguments.of("newline", "user\nhost=attacker", "'user\nhost=attacker'"),
                Arguments.of("single quote", "user'name", "'user\\'name'"),
                Arguments.of("backslash", "user\\name", "'user\\\\name'"),
                Arguments.of("quote and backslash", "user\\'name", "'user\\\\\\'name'"));
    }

    /** And Tide's parser reads every escaped value back as it was (KEDA leaves that to pgx). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("escapeRows")
    void parametersAreEscapedAsKedaEscapesThem(String row, String input, String escaped) {
        assertThat(LibpqConnection.escape(input)).isEqualTo(escaped);
        assertThat(LibpqConnection.parse("host=h user=" + escaped + " dbname=d").user()).contains(input);
    }

    // ---- TestPostgreSQLConnectionStringGenerationEscapesWhitespace ---------------------------------------------------

    @Test
    void whiteSpaceInAUserNameOrPasswordCannotInjectAParameter() {
        SqlTrigger trigger = factory.parse(config(0, Map.of("query", "test_query", "targetQueryValue", "5",
                "host", "db.example", "port", "5432", "dbName", "testdb", "userName", "user\tsslmode=disable", "sslmode", "require"),
                Map.of(), Map.of("password", "secret\nhost=attacker")));
        assertThat(trigger.connection().reveal()).isEqualTo(
                "host=db.example port=5432 user='user\tsslmode=disable' dbname=testdb sslmode=require password='secret\nhost=attacker'");
        Database database = trigger.database();
        assertThat(database.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5432/testdb");
        assertThat(database.user()).contains("user\tsslmode=disable");
        assertThat(database.password()).contains(Secret.of("secret\nhost=attacker"));
        assertThat(database.properties()).containsEntry("sslmode", "require");
    }

    // ---- testPodIdentityAzureWorkloadPostgreSQLConnectionstring -----------------------------------------------------

    /** KEDA fetches a Microsoft Entra token as the password ({@code %PASSWORD%}); Tide refuses the trigger by name. */
    @Test
    void azureWorkloadIdentityIsRefusedWithTheReason() {
        TriggerConfig config = TriggerConfig.builder("postgresql").podIdentity(PodIdentity.of("azure-workload"))
                .metadata(Map.of("query", "test_query", "targetQueryValue", "5", "host", "localhost", "port", "1234",
                        "dbName", "testDb", "userName", "user", "sslmode", "required")).build();
        String refusal = "podIdentity azure-workload (a Microsoft Entra token as the PostgreSQL password) is not supported "
                + "by Tide's postgresql scaler: set password (or connection) from a TriggerAuthentication instead";
        assertThatThrownBy(() -> factory.parse(config)).isInstanceOf(ScalerConfigException.class)
                .hasMessage(LABEL + refusal);
        assertThat(factory.validate(config, Set.of()).errors()).extracting(TriggerCheck.Issue::message).containsExactly(refusal);
    }

    // ---- testPostgresMetadata (TestParsePostgreSQLMetadata) ---------------------------------------------------------

    static Stream<Arguments> parseRows() {
        Map<String, String> env = Map.of("POSTGRE_PASSWORD", "pass", "POSTGRE_CONN_STR", "test_conn_str");
        return Stream.of(
                Arguments.of("No metadata", Map.of(), Map.of(), env,
                        "missing required parameter \"query\" in [triggerMetadata]; no host given"),
                Arguments.of("connectionString", Map.of("query", "query", "targetQueryValue", "12", "connectionFromEnv", "POSTGRE_CONN_STR"), Map.of(), env, null),
                Arguments.of("Params instead of conn str", Map.of("query", "query", "targetQueryValue", "12", "host", "test_host", "port", "test_port",
                        "userName", "test_username", "passwordFromEnv", "POSTGRE_PASSWORD", "dbName", "test_dbname", "sslmode", "require"), Map.of(), env, null),
                Arguments.of("Params from trigger authentication", Map.of("query", "query", "targetQueryValue", "12"),
                        Map.of("host", "test_host", "port", "test_port", "userName", "test_username", "password", "POSTGRE_PASSWORD",
                                "dbName", "test_dbname", "sslmode", "disable"), env, null),
                // Tide's rows for KEDA's rule "no targetQueryValue given" (not in KEDA's table).
                Arguments.of("Tide: targetQueryValue 0", Map.of("query", "query", "targetQueryValue", "0", "connectionFromEnv", "POSTGRE_CONN_STR"),
                        Map.of(), env, "no targetQueryValue given"),
                Arguments.of("Tide: port but no host", Map.of("query", "query", "targetQueryValue", "1", "port", "5432"), Map.of(), env, "no host given"),
                Arguments.of("Tide: host but no sslmode", Map.of("query", "query", "targetQueryValue", "1", "host", "h", "port", "1", "userName", "u", "dbName", "d"),
                        Map.of(), env, "no sslmode given"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parseRows")
    void metadataIsAcceptedOrRefusedAsKedaDecides(String row, Map<String, String> metadata, Map<String, String> auth,
            Map<String, String> env, String refusal) {
        ParityRows.acceptedOrRefused(factory, config(0, metadata, env, auth), refusal);
    }

    /** Offline (admission, {@code tide lint}) the connection may come from the TriggerAuthentication: no error then. */
    @Test
    void offlineAConnectionLeftToTheTriggerAuthenticationIsNoError() {
        TriggerConfig config = config(0, Map.of("query", "q", "targetQueryValue", "5"), Map.of(), Map.of());
        assertThat(factory.validate(config, Set.of(dev.tide.scaler.api.params.Source.AUTH_PARAMS,
                dev.tide.scaler.api.params.Source.RESOLVED_ENV)).errors()).isEmpty();
        assertThat(factory.validate(config, Set.of()).errors()).extracting(TriggerCheck.Issue::message).containsExactly("no host given");
    }

    // ---- Tide: what the JDBC driver gets from each form KEDA accepts ------------------------------------------------

    static Stream<Arguments> connectionForms() {
        return Stream.of(
                Arguments.of("postgresql://localhost:5432", "jdbc:postgresql://localhost:5432/", null, Map.of()),
                Arguments.of("postgresql://test@localhost", "jdbc:postgresql://localhost:5432/", "test", Map.of()),
                Arguments.of("postgres://app:p%40ss@db1:5433,db2/jobs?sslmode=require&application_name=tide&search_path=work",
                        "jdbc:postgresql://db1:5433,db2:5432/jobs", "app",
                        Map.of("sslmode", "require", "ApplicationName", "tide", "options", "-c search_path=work")),
                Arguments.of("host=db port=6432 user=app password='a b' dbname=jobs sslmode=verify-full target_session_attrs=read-write",
                        "jdbc:postgresql://db:6432/jobs", "app", Map.of("sslmode", "verify-full", "targetServerType", "primary")),
                Arguments.of("host=::1 dbname=jobs", "jdbc:postgresql://[::1]:5432/jobs", null, Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectionForms")
    void bothConnectionFormsReachTheDriver(String connection, String url, String user, Map<String, String> properties) {
        Database database = LibpqConnection.parse(connection);
        assertThat(database.jdbcUrl()).isEqualTo(url);
        assertThat(database.user()).isEqualTo(Optional.ofNullable(user));
        assertThat(database.properties()).isEqualTo(properties);
        assertThat(database.toString()).doesNotContain("p@ss", "a b");
    }

    @Test
    void aMalformedConnectionStringIsAConfigErrorWithoutItsText() {
        TriggerConfig config = config(0, Map.of("query", "q", "targetQueryValue", "1"), Map.of(),
                Map.of("connection", "host=db password='canary-unterminated"));
        assertThatThrownBy(() -> factory.create(config)).isInstanceOf(ScalerConfigException.class)
                .hasMessage(LABEL + "error establishing postgreSQL connection: invalid connection: unterminated quoted value "
                        + "of \"password\"");
    }

    private static Map<String, String> with(Map<String, String> base, String... more) {
        Map<String, String> metadata = new java.util.HashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            metadata.put(more[i], more[i + 1]);
        }
        return metadata;
    }
}
