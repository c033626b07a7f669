package dev.tide.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.scaler.api.Secret;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.callback.Callback;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerTokenCallback;
import org.junit.jupiter.api.Test;

/**
 * The token Tide presents for {@code aws_msk_iam} is AWS's MSK IAM token: the base64url of a SigV4-presigned
 * {@code GET https://kafka.<region>.amazonaws.com/?Action=kafka-cluster:Connect}. This test recomputes the SigV4
 * signature itself (AWS's published algorithm, not the SDK) from the static keys, so a token signed for another
 * region, service, action or key would fail here.
 */
class MskIamSigningTest {

    private static final String KEY_ID = "AKIDTIDETEST";
    private static final String SECRET = "canary-aws-secret-7f3a";

    @Test
    void theTokenIsASigV4PresignedConnectForTheTriggersRegionAndKey() throws Exception {
        MskIamLoginCallbackHandler handler = handler("eu-west-1", Optional.empty());
        OAuthBearerTokenCallback callback = new OAuthBearerTokenCallback();
        handler.handle(new Callback[] {callback});
        String url = new String(Base64.getUrlDecoder().decode(callback.token().value()), StandardCharsets.UTF_8);
        URI uri = URI.create(url);
        assertThat(uri.getScheme() + "://" + uri.getHost() + uri.getPath())
                .isEqualTo("https://kafka.eu-west-1.amazonaws.com");
        Map<String, String> query = query(uri.getRawQuery());
        assertThat(query).containsEntry("Action", "kafka-cluster:Connect")
                .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
                .containsEntry("X-Amz-SignedHeaders", "host")
                .containsEntry("X-Amz-Expires", "900")
                .containsKey("User-Agent");
        String date = query.get("X-Amz-Date").substring(0, 8);
        assertThat(query.get("X-Amz-Credential")).isEqualTo(KEY_ID + "/" + date + "/eu-west-1/kafka-cluster/aws4_request");
        assertThat(query.get("X-Amz-Signature")).isEqualTo(expectedSignature(query, "eu-west-1"));
        assertThat(url).doesNotContain(SECRET);
        assertThat(callback.token().lifetimeMs()).isGreaterThan(System.currentTimeMillis());
    }

    @Test
    void aSessionTokenIsSignedIn() throws Exception {
        OAuthBearerTokenCallback callback = new OAuthBearerTokenCallback();
        handler("us-east-1", Optional.of("session-token")).handle(new Callback[] {callback});
        Map<String, String> query = query(URI.create(new String(Base64.getUrlDecoder().decode(callback.token().value()),
                StandardCharsets.UTF_8)).getRawQuery());
        assertThat(query).containsEntry("X-Amz-Security-Token", "session-token");
        assertThat(query.get("X-Amz-Credential")).contains("/us-east-1/kafka-cluster/");
        assertThat(query.get("X-Amz-Signature")).isEqualTo(expectedSignature(query, "us-east-1"));
    }

    @Test
    void theCredentialsNeverPrintTheirSecrets() {
        MskIamCredentials credentials = new MskIamCredentials("eu-west-1", Optional.of(Secret.of(KEY_ID)),
                Optional.of(Secret.of(SECRET)), Optional.empty(), Optional.empty());
        assertThat(credentials.toString()).doesNotContain(SECRET, KEY_ID);
    }

    private static MskIamLoginCallbackHandler handler(String region, Optional<String> sessionToken) {
        MskIamLoginCallbackHandler handler = new MskIamLoginCallbackHandler();
        handler.configure(Map.of(MskIamLoginCallbackHandler.CREDENTIALS_CONFIG, new MskIamCredentials(region,
                Optional.of(Secret.of(KEY_ID)), Optional.of(Secret.of(SECRET)), sessionToken.map(Secret::of),
                Optional.empty())), "OAUTHBEARER", List.of());
        return handler;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new TreeMap<>();
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    /** SigV4 for a presigned GET with only the host header signed and an empty body. */
    private static String expectedSignature(Map<String, String> query, String region) throws Exception {
        String amzDate = query.get("X-Amz-Date");
        String scope = amzDate.substring(0, 8) + "/" + region + "/kafka-cluster/aws4_request";
        String canonicalQuery = query.entrySet().stream()
                .filter(e -> !e.getKey().equals("X-Amz-Signature") && !e.getKey().equals("User-Agent"))
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String canonicalRequest = "GET\n/\n" + canonicalQuery + "\nhost:kafka." + region + ".amazonaws.com\n\nhost\n"
                + hex(MessageDigest.getInstance("SHA-256").digest(new byte[0]));
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(MessageDigest.getInstance("SHA-256").digest(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = ("AWS4" + SECRET).getBytes(StandardCharsets.UTF_8);
        for (String part : List.of(amzDate.substring(0, 8), region, "kafka-cluster", "aws4_request")) {
            key = hmac(key, part);
        }
        return hex(hmac(key, stringToSign));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
