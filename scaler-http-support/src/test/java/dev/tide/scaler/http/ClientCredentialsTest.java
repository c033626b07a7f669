package dev.tide.scaler.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Client credentials against a scripted token endpoint (a transport that answers from a list and records what it was
 * sent): Go's form and header, the fallback to the form, the kept token, and failures that quote no secret.
 */
class ClientCredentialsTest {

    private static final String SECRET = "Canary-Client-S3cret-99";
    private static final URI TOKEN_URI = URI.create("https://idp.example/token");

    private final List<String> sent = new ArrayList<>();
    private final Deque<ClientCredentials.Answer> answers = new ArrayDeque<>();

    private ClientCredentials<IllegalStateException> credentials(String secret) {
        return new ClientCredentials<>(TOKEN_URI, "https://idp.example/token", "my client", Secret.of(secret),
                ClientCredentials.goForm(List.of("read", "write"), Map.of("audience", List.of("api"))),
                (message, cause) -> new IllegalStateException(message, cause));
    }

    private ClientCredentials.Transport<IllegalStateException> transport() {
        return (uri, headers, form) -> {
            sent.add(headers.get("Content-Type").reveal() + " | "
                    + (headers.containsKey("Authorization") ? headers.get("Authorization").reveal() : "-") + " | " + form);
            return answers.removeFirst();
        };
    }

    private void answer(int status, String body) {
        answers.add(new ClientCredentials.Answer(status, body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aTokenIsAskedForWithBasicCredentialsAndGoesForm() {
        answer(200, "{\"access_token\": \"tok-1\", \"expires_in\": 3600}");
        ClientCredentials<IllegalStateException> credentials = credentials(SECRET);
        assertThat(credentials.token(transport()).reveal()).isEqualTo("tok-1");
        assertThat(credentials.token(transport()).reveal()).isEqualTo("tok-1");
        assertThat(sent).containsExactly("application/x-www-form-urlencoded | Basic " + java.util.Base64.getEncoder()
                .encodeToString(("my+client:" + SECRET).getBytes(StandardCharsets.UTF_8))
                + " | audience=api&grant_type=client_credentials&scope=read+write");
    }

    @Test
    void anEndpointRefusingBasicGetsTheCredentialsInTheFormWithoutAnEmptySecret() {
        answer(401, "");
        answer(200, "{\"access_token\": \"tok-2\"}");
        assertThat(credentials("").token(transport()).reveal()).isEqualTo("tok-2");
        assertThat(sent.get(1)).isEqualTo("application/x-www-form-urlencoded | - | audience=api&client_id=my+client"
                + "&grant_type=client_credentials&scope=read+write");
    }

    @Test
    void failuresSayWhatWentWrongAndQuoteNoSecret() {
        answer(500, "");
        answer(200, "not json " + SECRET);
        answer(200, "{\"token_type\": \"bearer\"}");
        assertThatThrownBy(() -> credentials(SECRET).token(transport()))
                .hasMessage("oauth2: cannot fetch token from https://idp.example/token: status 500");
        assertThatThrownBy(() -> credentials(SECRET).token(transport()))
                .hasMessage("oauth2: the token response of https://idp.example/token is not JSON");
        assertThatThrownBy(() -> credentials(SECRET).token(transport()))
                .hasMessage("oauth2: server response missing access_token");
    }
}
