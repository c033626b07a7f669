package dev.tide.scaler.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.TriggerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OAuth 2.0 client credentials for the management API, against an in-test token endpoint and API: the token is fetched
 * once, sent as a bearer token, and the client secret reaches no message.
 */
class OAuthTokensTest {

    private static final String SECRET = "Canary-Client-S3cret-42";
    private static final String QUEUE = "{\"messages\": 7, \"messages_ready\": 7, \"name\": \"jobs\"}";

    private HttpServer server;
    private final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    private volatile int tokenStatus = 200;
    private volatile boolean refuseBasic;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", exchange -> {
            String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            tokenRequests.add(authorization + " | " + body);
            boolean refused = refuseBasic && authorization.startsWith("Basic");
            answer(exchange, refused ? 401 : tokenStatus, "{\"access_token\": \"tok-1\", \"expires_in\": 3600}");
        });
        // Contexts match the decoded path; the raw one is checked here.
        server.createContext("/api/queues/", exchange -> answer(exchange,
                !exchange.getRequestURI().getRawPath().equals("/api/queues/%2F/jobs") ? 404
                        : "Bearer tok-1".equals(exchange.getRequestHeaders().getFirst("Authorization")) ? 200 : 401, QUEUE));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private Scaler scaler() {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return new RabbitMqScalerFactory(new HttpClients(), new AmqpConnections()).create(TriggerConfig.builder("rabbitmq")
                .metadata(Map.of("host", base + "/", "queueName", "jobs"))
                .authParams(Map.of("oauthTokenURI", base + "/token", "clientID", "my-client", "clientSecret", SECRET,
                        "scopes", "rabbitmq.read,rabbitmq.write", "endpointParams", "audience=rabbitmq"))
                .build());
    }

    private static double read(Scaler scaler) {
        return scaler.sample(scaler.metricSpecs().get(0).metricName()).values().get(0).value().toDouble();
    }

    @Test
    void aTokenIsFetchedOnceWithBasicClientCredentialsAndSentAsBearer() {
        try (Scaler scaler = scaler()) {
            assertThat(read(scaler)).isEqualTo(7);
            assertThat(read(scaler)).isEqualTo(7);
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString(("my-client:" + SECRET).getBytes(StandardCharsets.UTF_8));
        assertThat(tokenRequests).containsExactly(basic + " | grant_type=client_credentials&scope=rabbitmq.read+rabbitmq.write"
                + "&audience=rabbitmq");
    }

    @Test
    void anEndpointRefusingBasicGetsTheCredentialsInTheForm() {
        refuseBasic = true;
        try (Scaler scaler = scaler()) {
            assertThat(read(scaler)).isEqualTo(7);
        }
        assertThat(tokenRequests).hasSize(2);
        assertThat(tokenRequests.get(1)).isEqualTo("null | grant_type=client_credentials&scope=rabbitmq.read+rabbitmq.write"
                + "&audience=rabbitmq&client_id=my-client&client_secret=" + SECRET);
    }

    @Test
    void aFailingTokenEndpointFailsTheReadWithoutTheSecret() {
        tokenStatus = 500;
        try (Scaler scaler = scaler()) {
            assertThatThrownBy(() -> read(scaler)).isInstanceOf(ScalerException.class)
                    .hasMessage("trigger[0] (rabbitmq): error inspecting RabbitMQ: oauth2: cannot fetch token from http://127.0.0.1:"
                            + server.getAddress().getPort() + "/token: status 500")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        }
    }
}
