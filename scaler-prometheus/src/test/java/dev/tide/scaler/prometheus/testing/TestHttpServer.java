package dev.tide.scaler.prometheus.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.tide.scaler.api.Secret;
import dev.tide.scaler.api.clients.PemMaterial;
import dev.tide.scaler.external.testing.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An HTTP or HTTPS server on a free loopback port that records every request and answers it with a {@link Responder}:
 * canned answers for KEDA's response tables, or a reverse proxy to a real Prometheus that lets through only the
 * requests that carry the expected credential.
 */
public final class TestHttpServer implements AutoCloseable {

    /** What the server received: the request line's URI and the headers, names lower-cased. */
    public record Received(String method, URI uri, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null ? null : values.get(0);
        }
    }

    /** An answer. */
    public record Answer(int status, String body, Map<String, String> headers) {

        public static Answer of(int status, String body) {
            return new Answer(status, body, Map.of());
        }
    }

    /** Turns a received request into an answer. */
    @FunctionalInterface
    public interface Responder extends Function<Received, Answer> {
    }

    private static final HttpClient FORWARDER = HttpClient.newHttpClient();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Responder responder;

    private TestHttpServer(HttpServer server, Responder responder) {
        this.server = server;
        this.responder = responder;
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static TestHttpServer http(Responder responder) {
        try {
            return new TestHttpServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), responder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * HTTPS with a certificate from {@code authority} for localhost and 127.0.0.1.
     *
     * @param clientAuthority when not null, a client certificate from this authority is required (mutual TLS)
     */
    public static TestHttpServer https(TestCertificates authority, TestCertificates clientAuthority, Responder responder) {
        TestCertificates.Pem server = authority.server();
        SSLContext context = PemMaterial.sslContext(
                PemMaterial.keyManagers(Secret.of(server.certificate()), "cert", Secret.of(server.key()), "key"),
                clientAuthority == null ? null : PemMaterial.trustManagers(Secret.of(clientAuthority.caCertificate()), "ca"));
        try {
            HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            https.setHttpsConfigurator(new HttpsConfigurator(context) {
                @Override
                public void configure(HttpsParameters parameters) {
                    // The SSLParameters win over HttpsParameters' own setters: client auth goes into them.
                    SSLParameters ssl = context.getDefaultSSLParameters();
                    ssl.setNeedClientAuth(clientAuthority != null);
                    parameters.setSSLParameters(ssl);
                }
            });
            return new TestHttpServer(https, responder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Always the same answer. */
    public static Responder canned(int status, String body) {
        return request -> Answer.of(status, body);
    }

    /** Forwards path and query to {@code target} (a real Prometheus) and answers what it answered. */
    public static Responder forwardingTo(URI target) {
        return request -> {
            try {
                HttpResponse<String> response = FORWARDER.send(HttpRequest.newBuilder(target.resolve(request.uri().getRawPath()
                        + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery()))).build(),
                        HttpResponse.BodyHandlers.ofString());
                return Answer.of(response.statusCode(), response.body());
            } catch (IOException e) {
                return Answer.of(502, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Answer.of(502, "interrupted");
            }
        };
    }

    /** {@code next} for the requests that pass {@code check}, 401 for the others. */
    public static Responder requiring(Predicate<Received> check, Responder next) {
        return request -> check.test(request) ? next.apply(request) : Answer.of(401, "{\"status\":\"error\"}");
    }

    public void respondWith(Responder responder) {
        this.responder = responder;
    }

    /** {@code http://127.0.0.1:<port>} or {@code https://…}. */
    public String address() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public Received lastReceived() {
        return received.get(received.size() - 1);
    }

    public void forget() {
        received.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> headers = new java.util.TreeMap<>();
            Headers requestHeaders = exchange.getRequestHeaders();
            requestHeaders.forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI(), headers, body);
            received.add(request);
            Answer answer = responder.apply(request);
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
            }
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
