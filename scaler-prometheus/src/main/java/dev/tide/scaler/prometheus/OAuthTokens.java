package dev.tide.scaler.prometheus;

import dev.tide.scaler.api.Secret;
import dev.tide.scaler.http.ClientCredentials;
import dev.tide.scaler.prometheus.Exchange.Budget;
import dev.tide.scaler.prometheus.Exchange.ExchangeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * One trigger's access tokens for {@code authModes: oauth}: OAuth 2.0 client credentials from {@code oauthTokenURI}
 * (scaler-http-support's {@link ClientCredentials}, Go's form), sent through {@link Exchange} within the budget.
 *
 * <p>KEDA validates oauth for this scaler but sends no token; Tide sends it.
 */
final class OAuthTokens {

    private final ClientCredentials<ExchangeException> credentials;

    OAuthTokens(AuthParameters auth) {
        URI tokenUri = URI.create(auth.oauthTokenURI().orElseThrow());
        this.credentials = new ClientCredentials<>(tokenUri, Exchange.shown(tokenUri), auth.clientId().orElseThrow(),
                auth.clientSecret().orElse(Secret.of("")),
                ClientCredentials.goForm(auth.scopes(), auth.endpointParams().map(FormQuery::parse).orElse(Map.of())),
                ExchangeException::new);
    }

    /** A valid access token: the one kept, or a new one within the budget. */
    Secret token(HttpClient client, Budget budget) throws ExchangeException {
        return credentials.token((uri, headers, form) -> {
            HttpRequest request = Exchange.request(uri, headers, budget)
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build();
            HttpResponse<byte[]> response = Exchange.send(client, request, budget);
            return new ClientCredentials.Answer(response.statusCode(), response.body());
        });
    }
}
