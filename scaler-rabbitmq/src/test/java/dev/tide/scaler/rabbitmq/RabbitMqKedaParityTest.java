package dev.tide.scaler.rabbitmq;

import static dev.tide.scaler.rabbitmq.RabbitMqKedaTables.HOST;
import static dev.tide.scaler.rabbitmq.RabbitMqKedaTables.RESOLVED_ENV;
import static dev.tide.scaler.rabbitmq.RabbitMqKedaTables.m;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import dev.tide.scaler.api.PodIdentity;
import dev.tide.scaler.api.ScaledObjectRef;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.Secret;
import dev.tide.scaler.api.TriggerCheck;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.params.ParameterBinder;
import dev.tide.scaler.rabbitmq.RabbitMqKedaTables.AuthRow;
import dev.tide.scaler.rabbitmq.RabbitMqKedaTables.MetadataRow;
import dev.tide.scaler.rabbitmq.RabbitMqKedaTables.QueueRow;
import dev.tide.scaler.rabbitmq.RabbitMqKedaTables.VhostRow;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every table of KEDA's {@code rabbitmq_scaler_test.go} ({@link RabbitMqKedaTables}, KEDA commit {@code 8b4f083}):
 * the same accept-or-refuse decision for each metadata and auth row, the same request URI and activity for each
 * management API answer against every vhost/path row, the same metric names, formulas, operations, SASL choice and
 * anonymized messages. Where Tide decides differently, the row says why.
 */
class RabbitMqKedaParityTest {

    private static final String LABEL = "trigger[0] (rabbitmq): ";
    private static HttpServer stub;
    private static final List<String> requested = new CopyOnWriteArrayList<>();
    private static volatile int status;
    private static volatile String body;

    private final HttpClients httpClients = new HttpClients();
    private final RabbitMqScalerFactory factory = new RabbitMqScalerFactory(httpClients, new AmqpConnections());
    @BeforeAll
    static void startStub() throws IOException {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/", exchange -> {
            requested.add(exchange.getRequestURI().toString());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        stub.start();
    }

    @AfterAll
    static void stopStub() {
        stub.stop(0);
    }

    private static String stubUrl() {
        return "http://127.0.0.1:" + stub.getAddress().getPort();
    }

    private static TriggerConfig config(Map<String, String> metadata, Map<String, String> authParams, Map<String, String> env,
            String podIdentity, int index) {
        return TriggerConfig.builder("rabbitmq").triggerIndex(index).metadata(metadata).authParams(authParams)
                .resolvedEnv(env).podIdentity(podIdentity == null ? PodIdentity.none() : PodIdentity.of(podIdentity))
                .timeout(Duration.ofSeconds(1)).build();
    }

    /**
     * Parsing and the offline check agree: both refuse with Tide's message for the row
     * ({@link RabbitMqKedaTables#TIDE_REFUSALS}), or neither refuses.
     */
    private Optional<RabbitMqTrigger> decide(TriggerConfig config, String row, boolean isError) {
        String refusal = RabbitMqKedaTables.TIDE_REFUSALS.get(row);
        assertThat(refusal != null).as("Tide refuses what KEDA refuses").isEqualTo(isError);
        TriggerCheck check = factory.validate(config, Set.of());
        if (isError) {
            assertThatThrownBy(() -> RabbitMqTrigger.parse(config)).isInstanceOf(ScalerConfigException.class)
                    .hasMessage(LABEL + refusal);
            assertThat(String.join("; ", check.errors().stream().map(TriggerCheck.Issue::message).toList())).isEqualTo(refusal);
            return Optional.empty();
        }
        assertThat(check.errors()).isEmpty();
        return Optional.of(RabbitMqTrigger.parse(config));
    }

    // ---- TestRabbitMQParseMetadata, TestParseDefaultQueueLength --------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @FieldSource("dev.tide.scaler.rabbitmq.RabbitMqKedaTables#METADATA")
    void metadataIsAcceptedOrRefusedAsKedaDecides(MetadataRow row) {
        Optional<RabbitMqTrigger> trigger = decide(config(row.metadata(), row.authParams(), RESOLVED_ENV, null, 0), row.name(),
                row.isError());
        if (trigger.isPresent() && row.metadata().containsKey("unsafeSsl")) {
            assertThat(trigger.get().parameters().unsafeSsl()).isEqualTo(Boolean.parseBoolean(row.metadata().get("unsafeSsl")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("dev.tide.scaler.rabbitmq.RabbitMqKedaTables#DEFAULT_QUEUE_LENGTH")
    void withoutModeValueOrQueueLengthTheTargetIsQueueLength20(MetadataRow row) {
        RabbitMqTrigger trigger = decide(config(row.metadata(), row.authParams(), RESOLVED_ENV, null, 0), row.name(), false)
                .orElseThrow();
        assertThat(trigger.mode()).isEqualTo(Mode.QUEUE_LENGTH);
        assertThat(trigger.value()).isEqualTo(20);
    }

    // ---- TestRabbitMQParseAuthParamData -------------------------------------------------------------------------

    /** KEDA accepts Azure AD workload identity on HTTP (row 15); Tide refuses it by name. */
    @ParameterizedTest(name = "{0}")
    @FieldSource("dev.tide.scaler.rabbitmq.RabbitMqKedaTables#AUTH")
    void authParamsAreAcceptedOrRefusedAsKedaDecides(AuthRow row) {
        TriggerConfig config = config(row.metadata(), row.authParams(), RESOLVED_ENV, row.podIdentity(), 0);
        if (row.workloadIdentity()) {
            assertThatThrownBy(() -> RabbitMqTrigger.parse(config)).hasMessage(LABEL + "workloadIdentityResource (Azure AD "
                    + "workload identity) is not supported by Tide's rabbitmq scaler: authenticate with username and "
                    + "password or OAuth 2.0 client credentials instead");
            return;
        }
        Optional<RabbitMqTrigger> trigger = decide(config, row.name(), row.isError());
        if (trigger.isPresent()) {
            RabbitMqAuth auth = trigger.get().auth();
            assertThat(auth.tls()).isEqualTo(row.enableTls());
            if (auth.tlsEnabled()) {
                for (String key : List.of("ca", "cert", "key", "keyPassword")) {
                    Optional<Secret> value = switch (key) {
                        case "ca" -> auth.ca();
                        case "cert" -> auth.cert();
                        case "key" -> auth.key();
                        default -> auth.keyPassword();
                    };
                    assertThat(value.map(Secret::reveal).orElse(null)).as(key).isEqualTo(row.authParams().get(key));
                }
            }
        }
    }

    // ---- TestRabbitMQGetMetricSpecForScaling, TestConnectionName -------------------------------------------------

    @ParameterizedTest(name = "METADATA[{0}] at index {1} is {2}")
    @CsvSource({"1, 0, s0-rabbitmq-sample", "7, 1, s1-rabbitmq-namespace-2Fname"})
    void metricNamesAreKedas(int row, int index, String name) {
        MetadataRow metadata = RabbitMqKedaTables.METADATA.get(row);
        RabbitMqTrigger trigger = RabbitMqTrigger.parse(config(metadata.metadata(), Map.of(), RESOLVED_ENV, null, index));
        assertThat(trigger.metricSpec().metricName()).isEqualTo(name);
    }

    @Test
    void theAmqpConnectionIsNamedAfterTheScaledObject() {
        TriggerConfig config = config(m("queueName", "sample", "hostFromEnv", HOST), Map.of(), RESOLVED_ENV, null, 0).toBuilder()
                .scaledObject(ScaledObjectRef.scaledObject("test-namespace", "test-name")).build();
        assertThat(RabbitMqTrigger.parse(config).connectionName()).isEqualTo("keda-test-namespace-test-name");
    }

    // ---- Test_getVhostAndPathFromURL ------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @FieldSource("dev.tide.scaler.rabbitmq.RabbitMqKedaTables#VHOST_AND_PATH")
    void theVhostAndPathAreTakenFromTheHostAsKedaDoes(VhostRow row) {
        ManagementUrl.VhostAndPath resolved = ManagementUrl.vhostAndPath(row.rawPath(), Optional.of(row.overrideVhost()));
        assertThat(resolved).isEqualTo(new ManagementUrl.VhostAndPath(row.resolvedVhostPath(), row.resolvedPath()));
    }

    // ---- TestGetQueueInfo, TestGetQueueInfoWithRegex, TestGetPageSizeWithRegex --------------------------------------

    /** One read against the stub: the request URI it received, and the sample or the failure. */
    private record Read(String uri, ScalerSample sample, RuntimeException failure) {
    }

    private Read read(Map<String, String> metadata, Map<String, String> env, int answerStatus, String answer) {
        status = answerStatus;
        body = answer;
        requested.clear();
        try (Scaler scaler = factory.create(config(metadata, Map.of(), env, null, 0))) {
            try {
                ScalerSample sample = scaler.sample(scaler.metricSpecs().get(0).metricName());
                return new Read(requested.get(0), sample, null);
            } catch (RuntimeException e) {
                return new Read(requested.isEmpty() ? null : requested.get(0), null, e);
            }
        }
    }

    private void checkAgainstEveryVhostRow(QueueRow row, String queueName, String query) {
        for (VhostRow vhostRow : RabbitMqKedaTables.VHOST_AND_PATH) {
            Map<String, String> metadata = m("queueName", queueName, "hostFromEnv", HOST, "protocol", "http");
            metadata.putAll(row.extraMetadata());
            metadata.put("vhostName", vhostRow.overrideVhost());
            String path = vhostRow.resolvedPath() + vhostRow.resolvedVhostPath();
            Read read = read(metadata, Map.of(HOST, stubUrl() + path), row.responseStatus(), row.response());
            assertThat(read.uri()).as(vhostRow.name()).isEqualTo(vhostRow.resolvedPath() + "/api/queues"
                    + vhostRow.resolvedVhostPath() + query);
            assertOutcome(row, read);
        }
    }

    private static void assertOutcome(QueueRow row, Read read) {
        if (row.responseStatus() == 200) {
            assertThat(read.failure()).isNull();
            assertThat(read.sample().active()).isEqualTo(row.isActive());
        } else {
            assertThat(read.failure()).hasMessageContaining(row.response());
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("dev.tide.scaler.rabbitmq.RabbitMqKedaTables#QUEUE_INFO")
    void aQueueIsReadFromTheManagementApiAsKedaReadsIt(QueueRow row) {
        checkAgainstEveryVhostRow(row, "evaluate_trials", "/evaluate_trials");
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("dev.tide.scaler.rabbitmq.RabbitMqKedaTables#QUEUE_INFO_SINGLE_VHOST")
    void aVhostNameOverridesAPlainHost(QueueRow row) {
        Map<String, String> metadata = m("queueName", "evaluate_trials", "hostFromEnv", HOST, "protocol", "http");
        metadata.putAll(row.extraMetadata());
        String vhost = ManagementUrl.vhostAndPath("", Optional.of(row.extraMetadata().get("vhostName"))).vhostPath();
        Read read = read(metadata, Map.of(HOST, stubUrl(), "plainHost", stubUrl()), row.responseStatus(), row.response());
        assertThat(read.uri()).isEqualTo("/api/queues" + vhost + "/evaluate_trials");
        assertOutcome(row, read);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("dev.tide.scaler.rabbitmq.RabbitMqKedaTables#REGEX_QUEUE_INFO")
    void aRegexIsListedAndCombinedAsKedaDoesIt(QueueRow row) {
        checkAgainstEveryVhostRow(row, "^evaluate_trials$",
                "?page=1&use_regex=true&pagination=false&name=%5Eevaluate_trials%24&page_size=100");
    }

    @ParameterizedTest(name = "page size {0}")
    @ValueSource(ints = {100, 200, 500})
    void theRegexListingAsksForThePageSize(int pageSize) {
        QueueRow first = RabbitMqKedaTables.REGEX_QUEUE_INFO.get(0);
        checkAgainstEveryVhostRow(new QueueRow(first.name(), first.response(), 200, true,
                m("useRegex", "true", "pageSize", Integer.toString(pageSize))), "^evaluate_trials$",
                "?page=1&use_regex=true&pagination=false&name=%5Eevaluate_trials%24&page_size=" + pageSize);
    }

    // ---- TestRegexQueueMissingError ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "page_count {0}: error {1}")
    @CsvSource({"3, true", "1, false"})
    void aRegexMatchingMoreThanOnePageIsAnError(int pageCount, boolean isError) {
        Read read = read(m("queueName", "evaluate_trials", "hostFromEnv", HOST, "protocol", "http", "useRegex", "true"),
                Map.of(HOST, stubUrl()), 200, "{\"items\":[], \"filtered_count\": 250, \"page\": 1, \"page_count\": " + pageCount + "}");
        assertThat(read.uri()).isEqualTo("/api/queues/%2F?page=1&use_regex=true&pagination=false&name=evaluate_trials&page_size=100");
        if (isError) {
            assertThat(read.failure()).hasMessage(LABEL + "error inspecting RabbitMQ: regex matches more queues than can be "
                    + "recovered at once");
        } else {
            assertThat(read.failure()).isNull();
        }
    }

    // ---- TestExpectedQueueConsumptionTime ---------------------------------------------------------------------------

    static Stream<Arguments> consumptionTimeRows() {
        String answer = "{\"messages\": %d, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": "
                + "{\"rate\": %s}, \"deliver_get_details\": {\"rate\": %s}}, \"name\": \"evaluate_trials\"}";
        return Stream.of(
                Arguments.of("empty idle queue", answer.formatted(0, "0", "0"), 0, false),
                Arguments.of("empty queue with decaying delivery rate", answer.formatted(0, "0", "2"), 0, false),
                Arguments.of("backlog without consumers", answer.formatted(10, "3", "0"), 1000, true),
                Arguments.of("backlog with consumers", answer.formatted(10, "3", "2"), 5500, true),
                Arguments.of("draining backlog", answer.formatted(4, "0", "2"), 1000, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("consumptionTimeRows")
    void expectedQueueConsumptionTimeIsKedas(String name, String answer, long expectedMilli, boolean isActive) {
        Read read = read(m("queueName", "evaluate_trials", "hostFromEnv", HOST, "protocol", "http",
                "mode", "ExpectedQueueConsumptionTime", "value", "1", "activationValue", "1"), Map.of(HOST, stubUrl()), 200, answer);
        assertThat(read.sample().values().get(0).value().millis()).isEqualTo(expectedMilli);
        assertThat(read.sample().active()).isEqualTo(isActive);
    }

    // ---- TestRabbitMQAnonymizeRabbitMQError -------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "https://user1:password1@domain.com | error inspecting RabbitMQ: https://user:password@domain.com",
            "https://fdasr345_-:password1@domain.com | error inspecting RabbitMQ: https://user:password@domain.com",
            "https://user1:fdasr345_-@domain.com | error inspecting RabbitMQ: https://user:password@domain.com",
            "https://fdakls_dsa:password1@domain.com | error inspecting RabbitMQ: https://user:password@domain.com",
            "fdasr345_-:password1@domain.com | error inspecting RabbitMQ: user:password@domain.com",
            "this user1:password1@domain.com fails | error inspecting RabbitMQ: this user:password@domain.com fails",
            "this https://user1:password1@domain.com fails also | error inspecting RabbitMQ: this https://user:password@domain.com fails also",
            "nothing to replace here | error inspecting RabbitMQ: nothing to replace here",
            "the queue https://user1:fdasr345_-@domain.com/api/virtual is unavailable | error inspecting RabbitMQ: the queue https://user:password@domain.com/api/virtual is unavailable"})
    void userInfoInAMessageIsAnonymized(String error, String message) {
        assertThat(RabbitMqScaler.anonymized("error inspecting RabbitMQ: " + error)).isEqualTo(message);
    }

    // ---- TestRabbitMQBuildAMQPConfig --------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "TLS enabled without credentials uses EXTERNAL SASL | enable | - | - | true | - | true",
            "TLS enabled with credentials does not set SASL | enable | user | pass | false | - | false",
            "TLS disabled does not set SASL | disable | - | - | false | - | false",
            "TLS enabled with CA only does not set EXTERNAL | enable | - | - | false | - | false",
            "TLS enabled with credentials in host URI does not set EXTERNAL | enable | - | - | true | amqps://user:pass@rabbit:5671/ | false",
            "TLS enabled with username-only userinfo in host URI uses EXTERNAL SASL | enable | - | - | true | amqps://CN=username@rabbit:5671/ | true",
            "TLS enabled, no credentials in host URI, uses EXTERNAL | enable | - | - | true | amqps://rabbit.namespace.svc:5671/ | true"})
    void saslExternalIsChosenAsKedaChoosesIt(String name, String tls, String username, String password, boolean certificate,
            String host, boolean external) {
        Map<String, String> authParams = m("tls", tls);
        if (username != null) {
            authParams.putAll(m("username", username, "password", password));
        }
        if (certificate) {
            authParams.putAll(m("cert", "certificate PEM", "key", "key PEM"));
        } else if (name.contains("CA only")) {
            authParams.put("ca", "CA PEM");
        }
        RabbitMqAuth auth = ParameterBinder.bind(config(Map.of(), authParams, Map.of(), null, 0), RabbitMqAuth.class);
        assertThat(AmqpEndpoint.usesExternalAuth(auth, host == null ? "" : host)).isEqualTo(external);
    }

    // ---- TestGetSum, TestGetAverage, TestGetMaximum, TestGetComposedQueue ---------------------------------------------

    /** Each row: operation, then per queue {@code messages/ready/publish/deliver}, then the expected four. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "sum | empty | | 0/0/0/0",
            "sum | single queue | 10/5/1.5/2.5 | 10/5/1.5/2.5",
            "sum | multiple queues | 10/5/1.0/2.0 20/15/3.0/4.0 | 30/20/4.0/6.0",
            "avg | single queue | 10/6/2.0/4.0 | 10/6/2.0/4.0",
            "avg | two queues integer truncation | 5/3/1.0/3.0 6/4/3.0/5.0 | 5/3/2.0/4.0",
            "max | single queue | 7/3/1.5/2.5 | 7/3/1.5/2.5",
            "max | max picked independently per field | 30/5/1.0/9.0 10/20/7.0/3.0 | 30/20/7.0/9.0",
            "sum | composed: sum operation | 10/4/2.0/6.0 20/8/4.0/2.0 | 30/12/6.0/8.0",
            "avg | composed: avg operation | 10/4/2.0/6.0 20/8/4.0/2.0 | 15/6/3.0/4.0",
            "max | composed: max operation | 10/4/2.0/6.0 20/8/4.0/2.0 | 20/8/4.0/6.0",
            "sum | composed: empty queue list returns zeros | | 0/0/0/0"})
    void matchingQueuesAreCombinedAsKedaCombinesThem(String operation, String name, String queues, String expected) {
        List<String[]> parsed = queues == null ? List.of() : Stream.of(queues.trim().split(" ")).map(q -> q.split("/")).toList();
        String[] want = expected.split("/");
        QueueStatus all = Operation.of(operation).combine(parsed.stream().map(q -> new QueueStatus(Long.parseLong(q[0]),
                Double.parseDouble(q[2]), Double.parseDouble(q[3]))).toList());
        QueueStatus ready = Operation.of(operation).combine(parsed.stream().map(q -> new QueueStatus(Long.parseLong(q[1]),
                Double.parseDouble(q[2]), Double.parseDouble(q[3]))).toList());
        assertThat(all.messages()).isEqualTo(Long.parseLong(want[0]));
        assertThat(ready.messages()).isEqualTo(Long.parseLong(want[1]));
        assertThat(all.publishRate()).isCloseTo(Double.parseDouble(want[2]), within(0.001));
        assertThat(all.deliverGetRate()).isCloseTo(Double.parseDouble(want[3]), within(0.001));
    }

    /** KEDA fails the read on an unknown operation; Tide refuses the trigger when it is applied. */
    @Test
    void composedInvalidOperationReturnsError() {
        assertThatThrownBy(() -> RabbitMqTrigger.parse(config(m("queueName", "q", "host", "http://h/", "useRegex", "true",
                "operation", "invalid"), Map.of(), Map.of(), null, 0)))
                .hasMessage(LABEL + "operation mode invalid must be one of sum, avg, max");
    }

    // ---- TestOAuth2HTTPClientCreation, TestRabbitMQScalerCloseClosesWrappedHTTPTransport -----------------------------

    @Test
    void oauth2ClientCredentialsAreParsedAndTheClientIsReleasedOnClose() {
        TriggerConfig config = config(m("queueName", "sample", "host", "http://localhost:15672", "protocol", "http"),
                m("oauthTokenURI", "https://oauth.example.com/token", "clientID", "my-client", "clientSecret", "my-secret",
                        "scopes", "rabbitmq.read,rabbitmq.write", "endpointParams", "audience=rabbitmq"),
                RESOLVED_ENV, null, 0);
        RabbitMqAuth auth = RabbitMqTrigger.parse(config).auth();
        assertThat(auth.oauth()).isTrue();
        assertThat(auth.oauthTokenURI()).contains("https://oauth.example.com/token");
        assertThat(auth.clientId()).contains("my-client");
        assertThat(auth.clientSecret().map(Secret::reveal)).contains("my-secret");
        assertThat(auth.scopes()).containsExactly("rabbitmq.read", "rabbitmq.write");
        assertThat(auth.endpointParams()).contains("audience=rabbitmq");
        Scaler scaler = factory.create(config);
        assertThat(httpClients.size()).isEqualTo(1);
        scaler.close();
        assertThat(httpClients.size()).isZero();
    }
}
