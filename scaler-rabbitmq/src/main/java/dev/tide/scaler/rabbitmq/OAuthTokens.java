package dev.tide.scaler.rabbitmq;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tide.scaler.api.Secret;
import dev.tide.scaler.rabbitmq.ManagementApi.ReadException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.StringJoiner;

/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4) from {@code oauthTokenURI}, as Go's {@code clientcredentials} gets them
 * for KEDA: client id and secret in a basic header, or in the form when the endpoint refuses that; scopes space-joined;
 * {@code endpointParams} added to the form. A token is kept until 10 s before {@code expires_in}, or for good without it.
 */
final class OAuthTokens {

    private static final Duration EXPIRY_DELTA = Duration.ofSeconds(10);

    private final URI tokenUri;
    private final String clientId;
    private final Secret clientSecret;
    private final String form;
    private Secret token;
    private long refreshAt;
    private boolean expires;

    OAuthTokens(RabbitMqAuth auth) {
        this.tokenUri = URI.create(auth.oauthTokenURI().orElseThrow());
        this.clientId = auth.clientId().orElseThrow();
        this.clientSecret = auth.clientSecret().orElseThrow();
        StringJoiner form = new StringJoiner("&").add("grant_type=client_credentials");
        if (!auth.scopes().isEmpty()) {
            form.add("scope=" + QueryEscape.escape(String.join(" ", auth.scopes())));
        }
        auth.endpointParams().filter(params -> !params.isBlank()).ifPresent(form::add);
        this.form = form.toString();
    }

    synchronized Secret token(HttpClient client, Duration timeout) throws ReadException {
        if (token != null && (!expires || System.nanoTime() < refreshAt)) {
            return token;
        }
        HttpResponse<String> response = request(client, timeout, true);
        if (response.statusCode() == 400 || response.statusCode() == 401) {
            response = request(client, timeout, false);
        }
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            throw new ReadException("oauth2: cannot fetch token from " + ManagementUrl.shown(tokenUri) + ": status "
                    + response.statusCode());
        }
        JsonNode answer;
        try {
            answer = ManagementApi.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ReadException("oauth2: the token response of " + ManagementUrl.shown(tokenUri) + " is not JSON");
        }
        String accessToken = answer == null ? "" : answer.path("access_token").asText("");
        if (accessToken.isEmpty()) {
            throw new ReadException("oauth2: server response missing access_token");
        }
        token = Secret.of(accessToken);
        long expiresIn = answer.path("expires_in").asLong(0);
        expires = expiresIn > 0;
        refreshAt = System.nanoTime() + Duration.ofSeconds(expiresIn).minus(EXPIRY_DELTA).toNanos();
        return token;
    }

    private HttpResponse<String> request(HttpClient client, Duration timeout, boolean inHeader) throws ReadException {
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenUri).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded");
        String body = form;
        if (inHeader) {
            String credentials = QueryEscape.escape(clientId) + ":" + QueryEscape.escape(clientSecret.reveal());
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        } else {
            body += "&client_id=" + QueryEscape.escape(clientId) + "&client_secret=" + QueryEscape.escape(clientSecret.reveal());
        }
        return ManagementApi.send(client, request.POST(HttpRequest.BodyPublishers.ofString(body)).build(), timeout);
    }
}
