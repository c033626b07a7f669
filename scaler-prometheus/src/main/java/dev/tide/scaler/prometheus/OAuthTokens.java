package dev.tide.scaler.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tide.scaler.api.Secret;
import dev.tide.scaler.prometheus.Exchange.Budget;
import dev.tide.scaler.prometheus.Exchange.ExchangeException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One trigger's access tokens for {@code authModes: oauth}: OAuth 2.0 client credentials (RFC 6749 §4.4) from
 * {@code oauthTokenURI}, as Go's {@code clientcredentials} package gets them for KEDA's other scalers. The client id
 * and secret go in a basic {@code Authorization} header; when the endpoint refuses that, in the form instead (Go's
 * auto-detection). A token is kept until 10 s before it expires ({@code expires_in}), or for good without one.
 *
 * <p>KEDA validates oauth for this scaler but sends no token; Tide sends it.
 */
final class OAuthTokens {

    private static final Duration EXPIRY_DELTA = Duration.ofSeconds(10);

    private final URI tokenUri;
    private final String clientId;
    private final Optional<Secret> clientSecret;
    private final Map<String, List<String>> form;
    private Secret token;
    private long refreshAt;
    private boolean expires;

    OAuthTokens(AuthParameters auth) {
        this.tokenUri = URI.create(auth.oauthTokenURI().orElseThrow());
        this.clientId = auth.clientId().orElseThrow();
        this.clientSecret = auth.clientSecret();
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("grant_type", List.of("client_credentials"));
        if (!auth.scopes().isEmpty()) {
            form.put("scope", List.of(String.join(" ", auth.scopes())));
        }
        auth.endpointParams().map(FormQuery::parse).ifPresent(form::putAll);
        this.form = Map.copyOf(form);
    }

    /** A valid access token: the one kept, or a new one within the budget. */
    synchronized Secret token(HttpClient client, Budget budget) throws ExchangeException {
        if (token != null && (!expires || System.nanoTime() < refreshAt)) {
            return token;
        }
        HttpResponse<byte[]> response = request(client, budget, true);
        if (response.statusCode() == 400 || response.statusCode() == 401) {
            response = request(client, budget, false);
        }
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            throw new ExchangeException("oauth2: cannot fetch token from " + Exchange.shown(tokenUri) + ": status "
                    + response.statusCode(), null);
        }
        JsonNode answer;
        try {
            answer = QueryAnswer.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ExchangeException("oauth2: the token response of " + Exchange.shown(tokenUri) + " is not JSON", e);
        }
        String accessToken = answer == null ? "" : answer.path("access_token").asText("");
        if (accessToken.isEmpty()) {
            throw new ExchangeException("oauth2: server response missing access_token", null);
        }
        token = Secret.of(accessToken);
        long expiresIn = answer.path("expires_in").asLong(0);
        expires = expiresIn > 0;
        refreshAt = System.nanoTime() + Duration.ofSeconds(expiresIn).minus(EXPIRY_DELTA).toNanos();
        return token;
    }

    /** Go's {@code AuthStyleInHeader} ({@code inHeader}) or {@code AuthStyleInParams}. */
    private HttpResponse<byte[]> request(HttpClient client, Budget budget, boolean inHeader) throws ExchangeException {
        Map<String, List<String>> body = new LinkedHashMap<>(form);
        Map<String, Secret> headers = new LinkedHashMap<>();
        headers.put("Content-Type", Secret.of("application/x-www-form-urlencoded"));
        String secret = clientSecret.map(Secret::reveal).orElse("");
        if (inHeader) {
            String credentials = FormQuery.escape(clientId) + ":" + FormQuery.escape(secret);
            headers.put(QueryRequest.AUTHORIZATION, Secret.of("Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))));
        } else {
            body.put("client_id", List.of(clientId));
            if (!secret.isEmpty()) {
                body.put("client_secret", List.of(secret));
            }
        }
        HttpRequest request = Exchange.request(tokenUri, headers, budget)
                .POST(HttpRequest.BodyPublishers.ofString(FormQuery.encode(body)))
                .build();
        return Exchange.send(client, request, budget);
    }
}
