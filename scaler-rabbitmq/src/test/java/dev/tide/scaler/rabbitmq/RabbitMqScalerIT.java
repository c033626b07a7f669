package dev.tide.scaler.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.tide.scaler.api.ScaledObjectRef;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.rabbitmq.testing.RabbitMqServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rabbitmq scaler against a real RabbitMQ node ({@link RabbitMqServer}, one per JVM): its values equal what
 * {@code rabbitmqctl list_queues} and the management API say, over both protocols.
 */
class RabbitMqScalerIT {

    private static final String VHOST = "tide-it";
    private static final String CANARY = "Canary-Pa55word-9f3e1";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static RabbitMqServer server;
    private final RabbitMqScalerFactory factory = new RabbitMqScalerFactory(new HttpClients(), new AmqpConnections());

    @BeforeAll
    static void startNode() {
        server = RabbitMqServer.shared();
        server.addVhost(VHOST);
        server.addUser("tide-user", "right-password", VHOST);
    }

    private TriggerConfig trigger(Map<String, String> metadata, Map<String, String> authParams) {
        return TriggerConfig.builder("rabbitmq").scaledObject(ScaledObjectRef.scaledObject("shop", "worker"))
                .metadata(metadata).authParams(authParams).timeout(Duration.ofSeconds(5)).build();
    }

    private double read(Map<String, String> metadata) {
        return read(metadata, Map.of());
    }

    private double read(Map<String, String> metadata, Map<String, String> authParams) {
        try (Scaler scaler = factory.create(trigger(metadata, authParams))) {
            ScalerSample sample = scaler.sample(scaler.metricSpecs().get(0).metricName());
            return sample.values().get(0).value().toDouble();
        }
    }

    /** The management API's own view of a queue, credentials in a header. */
    private static JsonNode managementQueue(String vhost, String queue) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.managementBase().resolve("/api/queues/"
                + QueryEscape.escape(vhost) + "/" + QueryEscape.escape(queue)))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8)))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return ManagementApi.JSON.readTree(response.body());
    }

    private static Map<String, String> metadata(String... pairs) {
        Map<String, String> metadata = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            metadata.put(pairs[i], pairs[i + 1]);
        }
        return metadata;
    }

    private static String httpHost(String vhost) {
        return server.httpUri(vhost).replace("http://", "http://guest:guest@");
    }

    @Test
    void theQueueLengthOverEitherProtocolEqualsWhatRabbitmqctlAndTheManagementApiCount() throws Exception {
        server.recreateQueue(VHOST, "jobs");
        server.publish(VHOST, "jobs", 5);
        try (Connection connection = server.connection(VHOST); Channel holder = connection.createChannel()) {
            holder.basicGet("jobs", false);
            holder.basicGet("jobs", false);
            await().atMost(Duration.ofSeconds(15)).until(() -> managementQueue(VHOST, "jobs").path("messages_ready").asLong(-1) == 3
                    && managementQueue(VHOST, "jobs").path("messages").asLong(-1) == 5);
            long[] counted = server.listQueues(VHOST).get("jobs");
            assertThat(counted).containsExactly(5, 3);

            assertThat(read(metadata("host", server.amqpUri(VHOST), "queueName", "jobs"))).isEqualTo(counted[1]);
            assertThat(read(metadata("host", httpHost(VHOST), "queueName", "jobs"))).isEqualTo(counted[0]);
            assertThat(read(metadata("host", httpHost(VHOST), "queueName", "jobs", "excludeUnacknowledged", "true")))
                    .isEqualTo(counted[1]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"amqp", "http"})
    void vhostNameReplacesTheVhostOfTheHost(String protocol) {
        server.recreateQueue(VHOST, "in-vhost");
        server.publish(VHOST, "in-vhost", 4);
        String host = protocol.equals("amqp") ? server.amqpUri("/") : httpHost("/");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(read(metadata("host", host, "queueName",
                "in-vhost", "vhostName", VHOST))).isEqualTo(server.listQueues(VHOST).get("in-vhost")[0]));
    }

    @ParameterizedTest(name = "{0} over orders-a (3) and orders-b (5) is {1}")
    @CsvSource({"sum, 8", "avg, 4", "max, 5"})
    void aRegexCombinesTheMatchingQueuesWithTheOperation(String operation, double expected) {
        server.recreateQueue(VHOST, "orders-a");
        server.recreateQueue(VHOST, "orders-b");
        server.recreateQueue(VHOST, "other-orders");
        server.publish(VHOST, "orders-a", 3);
        server.publish(VHOST, "orders-b", 5);
        server.publish(VHOST, "other-orders", 11);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(read(metadata("host", httpHost(VHOST),
                "queueName", "^orders-.*$", "useRegex", "true", "operation", operation))).isEqualTo(expected));
    }

    @Test
    void messageRateEqualsThePublishRateOfTheManagementApi() throws Exception {
        server.recreateQueue(VHOST, "rated");
        AtomicBoolean publishing = new AtomicBoolean(true);
        Thread publisher = new Thread(() -> {
            while (publishing.get()) {
                server.publish(VHOST, "rated", 20);
            }
        });
        publisher.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> managementQueue(VHOST, "rated")
                    .path("message_stats").path("publish_details").path("rate").asDouble(0) > 0);
            Map<String, String> metadata = metadata("host", httpHost(VHOST), "queueName", "rated", "mode", "MessageRate",
                    "value", "100");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                double before = managementQueue(VHOST, "rated").path("message_stats").path("publish_details").path("rate").asDouble();
                double read = read(metadata);
                double after = managementQueue(VHOST, "rated").path("message_stats").path("publish_details").path("rate").asDouble();
                assertThat(read).isGreaterThan(0).isIn(Math.round(before * 1000) / 1000.0, Math.round(after * 1000) / 1000.0);
            });
        } finally {
            publishing.set(false);
            publisher.join();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"amqp", "http"})
    void aWrongPasswordIsReportedWithoutThePassword(String protocol) {
        server.recreateQueue(VHOST, "guarded");
        String host = protocol.equals("amqp") ? server.amqpUri(VHOST) : server.httpUri(VHOST);
        TriggerConfig config = trigger(metadata("host", host, "queueName", "guarded"),
                Map.of("username", "tide-user", "password", CANARY));
        try (Scaler scaler = factory.create(config)) {
            assertThatThrownBy(() -> scaler.sample(scaler.metricSpecs().get(0).metricName()))
                    .isInstanceOf(ScalerException.class)
                    .hasMessageStartingWith("trigger[0] (rabbitmq): error inspecting RabbitMQ: ")
                    .hasMessageContaining(protocol.equals("amqp") ? "ACCESS_REFUSED" : "401 Unauthorized")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(CANARY));
            assertThat(scaler.toString()).doesNotContain(CANARY);
        }
        assertThat(config.toString()).doesNotContain(CANARY);
        assertThat(read(metadata("host", host, "queueName", "guarded"),
                Map.of("username", "tide-user", "password", "right-password"))).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"amqp", "http"})
    void aStoppedServerFailsTheReadInsteadOfReadingZero(String protocol) {
        server.recreateQueue(VHOST, "stopping");
        server.publish(VHOST, "stopping", 2);
        String host = protocol.equals("amqp") ? server.amqpUri(VHOST) : httpHost(VHOST);
        try (Scaler scaler = factory.create(trigger(metadata("host", host, "queueName", "stopping"), Map.of()))) {
            String metric = scaler.metricSpecs().get(0).metricName();
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(scaler.sample(metric).values().get(0).value().toDouble()).isEqualTo(2));
            server.stopApp();
            try {
                assertThatThrownBy(() -> scaler.sample(metric)).isInstanceOf(ScalerException.class)
                        .hasMessageStartingWith("trigger[0] (rabbitmq): error inspecting RabbitMQ: ");
            } finally {
                server.startApp();
            }
        }
    }

    @Test
    void triggersOnOneServerAndUserShareOneNamedAmqpConnection() {
        server.recreateQueue(VHOST, "shared-a");
        server.recreateQueue(VHOST, "shared-b");
        AmqpConnections connections = new AmqpConnections();
        RabbitMqScalerFactory counting = new RabbitMqScalerFactory(new HttpClients(), connections);
        try (Scaler a = counting.create(trigger(metadata("host", server.amqpUri(VHOST), "queueName", "shared-a"), Map.of()));
                Scaler b = counting.create(trigger(metadata("host", server.amqpUri(VHOST), "queueName", "shared-b"), Map.of()))) {
            a.sample(a.metricSpecs().get(0).metricName());
            b.sample(b.metricSpecs().get(0).metricName());
            assertThat(connections.size()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(server.ctl("list_connections", "--quiet",
                    "--no-table-headers", "vhost", "client_properties")).contains(VHOST + "\t").contains("keda-shop-worker"));
        }
        assertThat(connections.size()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"amqps", "https"})
    void tlsWithTheCaAndAClientCertificateReadsTheQueue(String scheme) {
        server.recreateQueue(VHOST, "secure");
        server.publish(VHOST, "secure", 6);
        String host = scheme.equals("amqps") ? server.amqpsUri(VHOST) : server.httpsUri(VHOST);
        var client = server.authority().client("RSA");
        Map<String, String> tls = Map.of("tls", "enable", "ca", server.authority().caCertificate(), "cert", client.certificate(),
                "key", client.key(), "username", "guest", "password", "guest");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(read(metadata("host", host, "queueName", "secure"), tls))
                .isEqualTo(server.listQueues(VHOST).get("secure")[1]));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"amqps", "https"})
    void aServerCertificateOfAnUnknownCaIsRefusedUnlessUnsafeSsl(String scheme) {
        server.recreateQueue(VHOST, "untrusted");
        String host = scheme.equals("amqps") ? server.amqpsUri(VHOST) : server.httpsUri(VHOST);
        Map<String, String> credentials = Map.of("username", "guest", "password", "guest");
        try (Scaler scaler = factory.create(trigger(metadata("host", host, "queueName", "untrusted"), credentials))) {
            assertThatThrownBy(() -> scaler.sample(scaler.metricSpecs().get(0).metricName()))
                    .isInstanceOf(ScalerException.class).hasMessageStartingWith("trigger[0] (rabbitmq): error inspecting RabbitMQ: ");
        }
        assertThat(read(metadata("host", host, "queueName", "untrusted", "unsafeSsl", "true"),
                Map.of("tls", "enable", "username", "guest", "password", "guest"))).isZero();
    }

    @Test
    void aMissingQueueIsAnErrorOverAmqpAndHttp() {
        for (String host : new String[] {server.amqpUri(VHOST), httpHost(VHOST)}) {
            try (Scaler scaler = factory.create(trigger(metadata("host", host, "queueName", "no-such-queue"), Map.of()))) {
                assertThatThrownBy(() -> scaler.sample(scaler.metricSpecs().get(0).metricName()))
                        .isInstanceOf(ScalerException.class).hasMessageContaining("no-such-queue");
            }
        }
    }

}
