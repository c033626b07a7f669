package dev.tide.scaler.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tide.scaler.api.Secret;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One trigger's OAuth 2.0 access tokens by client credentials (RFC 6749 §4.4), as Go's {@code clientcredentials}
 * package gets them for KEDA's scalers: the client id and secret in a basic {@code Authorization} header, or in the form
 * when the endpoint refuses that with 400 or 401 (Go's auto-detection); the token kept until 10 s before
 * {@code expires_in}, or for good without it.
 *
 * <p>The plugin keeps what differs between scalers: how a request is sent (its client, timeout and exception), how the
 * token endpoint is shown in messages, and how the form is encoded ({@link #goForm} is Go's).
 *
 * @param <E> the plugin's exception for a failed read
 */
public final class ClientCredentials<E extends Exception> {

    private static final Duration EXPIRY_DELTA = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The client's id and secret, when they go in the form (Go's {@code AuthStyleInParams}). */
    public record InForm(String clientId, Secret clientSecret) {
    }

    /** The token request's encoded form: the trigger's fields, plus the client's when {@code credentials} is present. */
    @FunctionalInterface
    public interface Form {
        String encode(Optional<InForm> credentials);
    }

    /** What the token endpoint answered. */
    public record Answer(int status, byte[] body) {
    }

    /** Posts one form to the token endpoint with these headers, the plugin's way. */
    @FunctionalInterface
    public interface Transport<E extends Exception> {
        Answer post(URI tokenUri, Map<String, Secret> headers, String form) throws E;
    }

    /** The plugin's exception for a message and what caused it (may be null). */
    @FunctionalInterface
    public interface Failure<E extends Exception> {
        E of(String message, Throwable cause);
    }

    private final URI tokenUri;
    private final String shownUri;
    private final String clientId;
    private final Secret clientSecret;
    private final Form form;
    private final Failure<E> failure;
    private Secret token;
    private long refreshAt;
    private boolean expires;

    /**
     * @param shownUri the token endpoint as messages show it: without user info or query
     * @param clientSecret empty when the trigger has none
     */
    public ClientCredentials(URI tokenUri, String shownUri, String clientId, Secret clientSecret, Form form,
            Failure<E> failure) {
        this.tokenUri = Objects.requireNonNull(tokenUri, "tokenUri");
        this.shownUri = Objects.requireNonNull(shownUri, "shownUri");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
        this.form = Objects.requireNonNull(form, "form");
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    /**
     * Go's form ({@code url.Values.Encode}, keys sorted): {@code grant_type}, {@code scope} (the scopes space-joined)
     * when there are scopes, the endpoint parameters over those, and in the form the client id and the secret when
     * it is not empty.
     */
    public static Form goForm(List<String> scopes, Map<String, List<String>> endpointParams) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("grant_type", List.of("client_credentials"));
        if (!scopes.isEmpty()) {
            fields.put("scope", List.of(String.join(" ", scopes)));
        }
        fields.putAll(endpointParams);
        Map<String, List<String>> base = Map.copyOf(fields);
        return credentials -> {
            Map<String, List<String>> body = new LinkedHashMap<>(base);
            credentials.ifPresent(client -> {
                body.put("client_id", List.of(client.clientId()));
                if (!client.clientSecret().reveal().isEmpty()) {
                    body.put("client_secret", List.of(client.clientSecret().reveal()));
                }
            });
            return GoQuery.encode(body);
        };
    }

    /** A valid access token: the one kept, or a new one from the endpoint. */
    public synchronized Secret token(Transport<E> transport) throws E {
        if (token != null && (!expires || System.nanoTime() < refreshAt)) {
            return token;
        }
        Answer answer = request(transport, true);
        if (answer.status() == 400 || answer.status() == 401) {
            answer = request(transport, false);
        }
        if (answer.status() < 200 || answer.status() > 299) {
            throw failure.of("oauth2: cannot fetch token from " + shownUri + ": status " + answer.status(), null);
        }
        JsonNode json;
        try {
            json = JSON.readTree(answer.body());
        } catch (IOException e) {
            throw failure.of("oauth2: the token response of " + shownUri + " is not JSON", e);
        }
        String accessToken = json == null ? "" : json.path("access_token").asText("");
        if (accessToken.isEmpty()) {
            throw failure.of("oauth2: server response missing access_token", null);
        }
        token = Secret.of(accessToken);
        long expiresIn = json.path("expires_in").asLong(0);
        expires = expiresIn > 0;
        refreshAt = System.nanoTime() + Duration.ofSeconds(expiresIn).minus(EXPIRY_DELTA).toNanos();
        return token;
    }

    /** Go's {@code AuthStyleInHeader} ({@code inHeader}) or {@code AuthStyleInParams}. */
    private Answer request(Transport<E> transport, boolean inHeader) throws E {
        Map<String, Secret> headers = new LinkedHashMap<>();
        headers.put("Content-Type", Secret.of("application/x-www-form-urlencoded"));
        if (inHeader) {
            String credentials = GoQuery.escape(clientId) + ":" + GoQuery.escape(clientSecret.reveal());
            headers.put("Authorization", Secret.of("Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))));
            return transport.post(tokenUri, headers, form.encode(Optional.empty()));
        }
        return transport.post(tokenUri, headers, form.encode(Optional.of(new InForm(clientId, clientSecret))));
    }
}
