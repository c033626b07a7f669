package dev.tide.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.scaler.api.Secret;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.callback.Callback;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerTokenCallback;
import org.junit.jupiter.api.Test;

/**
 * The token Tide presents for {@code aws_msk_iam} is AWS's MSK IAM token: the base64url of a SigV4-presigned
 * {@code GET https://kafka.<region>.amazonaws.com/?Action=kafka-cluster:Connect}. {@link SigV4Check} recomputes the
 * signature itself from the static keys, so a token signed for another region, service, action or key fails here.
 */
class MskIamSigningTest {

    static final String KEY_ID = "AKIDTIDETEST";
    static final String SECRET = "canary-aws-secret-7f3a";

    @Test
    void theTokenIsASigV4PresignedConnectForTheTriggersRegionAndKey() throws Exception {
        OAuthBearerTokenCallback callback = new OAuthBearerTokenCallback();
        handler("eu-west-1", Optional.empty()).handle(new Callback[] {callback});
        URI url = SigV4Check.url(callback.token().value());
        assertThat(url.getScheme() + "://" + url.getHost() + url.getPath())
                .isEqualTo("https://kafka.eu-west-1.amazonaws.com");
        Map<String, String> query = SigV4Check.query(url);
        assertThat(query).containsEntry("Action", "kafka-cluster:Connect")
                .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
                .containsEntry("X-Amz-SignedHeaders", "host")
                .containsEntry("X-Amz-Expires", "900")
                .containsKey("User-Agent");
        String date = query.get("X-Amz-Date").substring(0, 8);
        assertThat(query.get("X-Amz-Credential")).isEqualTo(KEY_ID + "/" + date + "/eu-west-1/kafka-cluster/aws4_request");
        assertThat(query.get("X-Amz-Signature")).isEqualTo(SigV4Check.expectedSignature(query, "eu-west-1", SECRET));
        assertThat(SigV4Check.valid(callback.token().value(), "eu-west-2", SECRET)).isFalse();
        assertThat(SigV4Check.valid(callback.token().value(), "eu-west-1", "another-secret")).isFalse();
        assertThat(url.toString()).doesNotContain(SECRET);
        assertThat(callback.token().lifetimeMs()).isGreaterThan(System.currentTimeMillis());
    }

    @Test
    void aSessionTokenIsSignedIn() throws Exception {
        OAuthBearerTokenCallback callback = new OAuthBearerTokenCallback();
        handler("us-east-1", Optional.of("session-token")).handle(new Callback[] {callback});
        Map<String, String> query = SigV4Check.query(SigV4Check.url(callback.token().value()));
        assertThat(query).containsEntry("X-Amz-Security-Token", "session-token");
        assertThat(query.get("X-Amz-Credential")).contains("/us-east-1/kafka-cluster/");
        assertThat(query.get("X-Amz-Signature")).isEqualTo(SigV4Check.expectedSignature(query, "us-east-1", SECRET));
    }

    @Test
    void theCredentialsNeverPrintTheirSecrets() {
        assertThat(credentials("eu-west-1", Optional.empty()).toString()).doesNotContain(SECRET, KEY_ID);
    }

    static MskIamCredentials credentials(String region, Optional<String> sessionToken) {
        return new MskIamCredentials(region, Optional.of(Secret.of(KEY_ID)), Optional.of(Secret.of(SECRET)),
                sessionToken.map(Secret::of), Optional.empty());
    }

    private static MskIamLoginCallbackHandler handler(String region, Optional<String> sessionToken) {
        MskIamLoginCallbackHandler handler = new MskIamLoginCallbackHandler();
        handler.configure(Map.of(MskIamLoginCallbackHandler.CREDENTIALS_CONFIG, credentials(region, sessionToken)),
                "OAUTHBEARER", List.of());
        return handler;
    }
}
