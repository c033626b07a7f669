package dev.tide.scaler.rabbitmq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tide.scaler.api.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Reads a queue (or the queues a regex matches) from the management API as KEDA's {@code getJSON} does: basic auth from
 * {@code username}/{@code password} or the host's user info, or an OAuth 2.0 bearer token; 200 with JSON, anything else
 * an error quoting status and body. Regex matches are combined with {@code operation}.
 */
final class ManagementApi {

    static final ObjectMapper JSON = new ObjectMapper();

    private final RabbitMqTrigger trigger;
    private final URI uri;
    private final Optional<Secret> basic;
    private final Optional<OAuthTokens> tokens;

    ManagementApi(RabbitMqTrigger trigger) {
        this.trigger = trigger;
        this.uri = ManagementUrl.queueUri(trigger.parameters());
        this.basic = basicCredentials(trigger);
        this.tokens = trigger.auth().oauth() ? Optional.of(new OAuthTokens(trigger.auth())) : Optional.empty();
    }

    /** KEDA puts username and password into the URL's user info, which Go sends as basic auth; so does the host's own. */
    private static Optional<Secret> basicCredentials(RabbitMqTrigger trigger) {
        String userInfo;
        if (trigger.auth().basic()) {
            userInfo = trigger.auth().username().orElseThrow() + ":" + trigger.auth().password().orElseThrow().reveal();
        } else {
            String raw = URI.create(trigger.parameters().host()).getRawUserInfo();
            if (raw == null) {
                return Optional.empty();
            }
            int colon = raw.indexOf(':');
            userInfo = colon < 0 ? decode(raw) + ":" : decode(raw.substring(0, colon)) + ":" + decode(raw.substring(colon + 1));
        }
        return Optional.of(Secret.of("Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8))));
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    URI uri() {
        return uri;
    }

    /** @throws ReadException with KEDA's message, never a credential */
    QueueStatus read(HttpClient client, Duration timeout) throws ReadException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        if (tokens.isPresent()) {
            request.header("Authorization", "Bearer " + tokens.get().token(client, timeout).reveal());
        } else {
            basic.ifPresent(value -> request.header("Authorization", value.reveal()));
        }
        HttpResponse<String> response = send(client, request.build(), timeout);
        if (response.statusCode() != 200) {
            throw new ReadException("error requesting RabbitMQ API status: " + status(response.statusCode())
                    + ", response: " + response.body() + ", from: " + ManagementUrl.shown(uri));
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ReadException("the answer of " + ManagementUrl.shown(uri) + " is not JSON");
        }
        boolean ready = trigger.parameters().excludeUnacknowledged();
        if (!trigger.parameters().useRegex()) {
            return status(body, ready);
        }
        if (body.path("page_count").asInt(0) > 1) {
            throw new ReadException("regex matches more queues than can be recovered at once");
        }
        List<QueueStatus> queues = new ArrayList<>();
        body.path("items").forEach(item -> queues.add(status(item, ready)));
        return Operation.of(trigger.parameters().operation()).combine(queues);
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest request, Duration timeout) throws ReadException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new ReadException(request.method() + " " + ManagementUrl.shown(request.uri()) + " got no answer within "
                    + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new ReadException(request.method() + " " + ManagementUrl.shown(request.uri()) + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReadException(request.method() + " " + ManagementUrl.shown(request.uri()) + " was interrupted");
        }
    }

    /** One queue's counts; with {@code ready} the ready messages only ({@code excludeUnacknowledged}). */
    static QueueStatus status(JsonNode queue, boolean ready) {
        JsonNode stats = queue.path("message_stats");
        return new QueueStatus(queue.path(ready ? "messages_ready" : "messages").asLong(0),
                stats.path("publish_details").path("rate").asDouble(0),
                stats.path("deliver_get_details").path("rate").asDouble(0));
    }

    /** Go's {@code Response.Status}: {@code 401 Unauthorized}. */
    private static String status(int code) {
        String reason = switch (code) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "";
        };
        return reason.isEmpty() ? Integer.toString(code) : code + " " + reason;
    }

    /** Why a read failed; the message names the server without user info. */
    static final class ReadException extends Exception {
        ReadException(String message) {
            super(message, null, false, false);
        }
    }
}
