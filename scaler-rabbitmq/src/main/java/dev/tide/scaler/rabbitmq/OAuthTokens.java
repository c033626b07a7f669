package dev.tide.scaler.rabbitmq;

import dev.tide.scaler.api.Secret;
import dev.tide.scaler.http.ClientCredentials;
import dev.tide.scaler.rabbitmq.ManagementApi.ReadException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.StringJoiner;

/**
 * OAuth 2.0 client credentials from {@code oauthTokenURI} (scaler-http-support's {@link ClientCredentials}): scopes
 * space-joined, {@code endpointParams} added to the form as written, the client id and secret last when they go in the
 * form. This form keeps the order the trigger gives, not Go's sorted {@code url.Values} ({@link ClientCredentials#goForm},
 * which the prometheus scaler uses); its tests pin it.
 */
final class OAuthTokens {

    private final ClientCredentials<ReadException> credentials;

    OAuthTokens(RabbitMqAuth auth) {
        URI tokenUri = URI.create(auth.oauthTokenURI().orElseThrow());
        StringJoiner form = new StringJoiner("&").add("grant_type=client_credentials");
        if (!auth.scopes().isEmpty()) {
            form.add("scope=" + QueryEscape.escape(String.join(" ", auth.scopes())));
        }
        auth.endpointParams().filter(params -> !params.isBlank()).ifPresent(form::add);
        String fields = form.toString();
        this.credentials = new ClientCredentials<>(tokenUri, ManagementUrl.shown(tokenUri), auth.clientId().orElseThrow(),
                auth.clientSecret().orElseThrow(), credentials -> credentials.map(client -> fields
                        + "&client_id=" + QueryEscape.escape(client.clientId())
                        + "&client_secret=" + QueryEscape.escape(client.clientSecret().reveal())).orElse(fields),
                (message, cause) -> new ReadException(message));
    }

    Secret token(HttpClient client, Duration timeout) throws ReadException {
        return credentials.token((uri, headers, form) -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout);
            headers.forEach((name, value) -> request.header(name, value.reveal()));
            HttpResponse<String> response = ManagementApi.send(client, request.POST(HttpRequest.BodyPublishers.ofString(form))
                    .build(), timeout);
            return new ClientCredentials.Answer(response.statusCode(), response.body().getBytes(StandardCharsets.UTF_8));
        });
    }
}
