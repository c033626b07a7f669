package dev.tide.controller.admission;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.tide.admission.AdmissionReviews;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The webhook's HTTPS server: KEDA's four validation paths on {@code tide.webhooks.port}, apart from the internal
 * metrics API, so that it runs on every replica whether or not it leads and whatever the metrics API's client-auth
 * rules. The JDK's own server is enough for one POST per apply: no servlet container, no second Spring web context.
 */
public final class WebhookServer implements SmartLifecycle {

    /** KEDA's paths ({@code config/webhooks/validation_webhooks.yaml}); the request's kind, not the path, picks the rules. */
    static final List<String> PATHS = List.of("/validate-keda-sh-v1alpha1-scaledobject", "/validate-keda-sh-v1alpha1-scaledjob",
            "/validate-keda-sh-v1alpha1-triggerauthentication", "/validate-keda-sh-v1alpha1-clustertriggerauthentication");

    private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);
    private static final int QUEUE = 256;
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private final WebhookProperties properties;
    private final AdmissionReviews reviews;
    private final WebhookMetrics metrics;
    private final SSLContext sslContext;
    private HttpsServer server;
    private ThreadPoolExecutor executor;

    WebhookServer(WebhookProperties properties, AdmissionReviews reviews, WebhookMetrics metrics, SSLContext sslContext) {
        this.properties = properties;
        this.reviews = reviews;
        this.metrics = metrics;
        this.sslContext = sslContext;
    }

    @Override
    public synchronized void start() {
        // The JDK server writes a response's headers and body separately; with Nagle's algorithm on, the body then
        // waits for the client's delayed ACK, about 40 ms per request. Read once, when the first server is made.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
        AtomicInteger threadNumber = new AtomicInteger();
        executor = new ThreadPoolExecutor(properties.threads(), properties.threads(), 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                runnable -> {
                    Thread thread = new Thread(runnable, "tide-webhook-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            server = HttpsServer.create(new InetSocketAddress(properties.port()), 0);
        } catch (IOException e) {
            throw new IllegalStateException("the webhook cannot listen on port " + properties.port() + ": " + e.getMessage(), e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(sslContext));
        PATHS.forEach(path -> server.createContext(path, this::handle));
        server.setExecutor(executor);
        server.start();
        log.info("The validating webhook listens on port {} (HTTPS)", port());
    }

    /** The port actually bound (differs from the configured one only when that is 0, as in tests). */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "only POST is served here".getBytes(StandardCharsets.UTF_8), "text/plain");
                return;
            }
            byte[] body = readBody(exchange);
            if (body == null) {
                respond(exchange, 413, ("an AdmissionReview may be at most " + properties.maxRequestSize().toBytes() + " bytes")
                        .getBytes(StandardCharsets.UTF_8), "text/plain");
                return;
            }
            AdmissionReviews.Answer answer;
            try {
                answer = reviews.answer(body);
            } catch (RuntimeException e) {
                // A bug, not a bad request: the API server applies the failure policy.
                log.warn("Answering an AdmissionReview failed unexpectedly ({})", e.toString());
                respond(exchange, 500, "the webhook failed to answer".getBytes(StandardCharsets.UTF_8), "text/plain");
                return;
            }
            // Counted before the answer leaves, so whoever reads the series after the answer finds this review in it.
            answer.decision().ifPresent(metrics::record);
            respond(exchange, answer.status(), answer.body(), answer.status() == 200 ? "application/json" : "text/plain");
        } finally {
            metrics.answered(System.nanoTime() - started);
        }
    }

    /**
     * The body, or null when it is larger than allowed. An oversized body is read to its end (up to four times the
     * limit, without keeping it) so that the client sees the 413 instead of a broken connection.
     */
    private byte[] readBody(HttpExchange exchange) throws IOException {
        long limit = properties.maxRequestSize().toBytes();
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length <= limit) {
                return body;
            }
            long skipped = 0;
            byte[] discard = new byte[64 * 1024];
            for (int read; skipped < 3 * limit && (read = in.read(discard)) > 0; ) {
                skipped += read;
            }
            return null;
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop(1);
            executor.shutdownNow();
            server = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }
}
