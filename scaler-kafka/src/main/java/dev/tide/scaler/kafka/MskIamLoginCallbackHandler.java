package dev.tide.scaler.kafka;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerTokenCallback;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.msk.auth.iam.IAMOAuthBearerToken;
import software.amazon.msk.auth.iam.internals.AWS4SignedPayloadGenerator;
import software.amazon.msk.auth.iam.internals.AuthenticationRequestParams;
import software.amazon.msk.auth.iam.internals.UserAgentUtils;

/**
 * Kafka's OAUTHBEARER login callback handler for {@code saslTokenProvider: aws_msk_iam}: the token is AWS's MSK IAM
 * token, the base64url of a SigV4-presigned {@code kafka-cluster:Connect} URL for the trigger's region, as KEDA's
 * signer (and AWS's {@code IAMOAuthBearerLoginCallbackHandler}) makes it. AWS's handler takes the region from the
 * JVM-wide default chain; this one takes the trigger's {@code awsRegion}, so triggers for different regions can run
 * side by side. Signing is done by AWS's library.
 */
public final class MskIamLoginCallbackHandler implements AuthenticateCallbackHandler {

    /** A {@link MskIamCredentials}; its key starts with {@code sasl.} so Kafka's login cache keeps clients apart. */
    static final String CREDENTIALS_CONFIG = "sasl.tide.msk.credentials";

    private final AWS4SignedPayloadGenerator signer = new AWS4SignedPayloadGenerator();
    private String region;
    private AwsCredentialsProvider provider;

    @Override
    public void configure(Map<String, ?> configs, String saslMechanism, List<AppConfigurationEntry> jaasEntries) {
        MskIamCredentials credentials = (MskIamCredentials) configs.get(CREDENTIALS_CONFIG);
        if (credentials == null) {
            throw new IllegalArgumentException(CREDENTIALS_CONFIG + " must be set");
        }
        region = credentials.region();
        provider = credentials.provider();
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (!(callback instanceof OAuthBearerTokenCallback tokenCallback)) {
                throw new UnsupportedCallbackException(callback, "unexpected MSK IAM login callback "
                        + callback.getClass().getName());
            }
            try {
                tokenCallback.token(new IAMOAuthBearerToken(token()));
            } catch (URISyntaxException | RuntimeException e) {
                // AWS's messages name the provider that failed (no role, no keys found), never a secret.
                tokenCallback.error("invalid_token", "AWS MSK IAM token for region " + region + " could not be"
                        + " made: " + e.getMessage(), null);
            }
        }
    }

    /** The token: base64url (no padding) of the presigned URL, with the user agent appended as AWS's handler does. */
    String token() {
        String userAgent = UserAgentUtils.getUserAgentValue();
        AuthenticationRequestParams params = AuthenticationRequestParams.create("kafka." + region + ".amazonaws.com",
                provider.resolveCredentials(), userAgent);
        SdkHttpFullRequest request = signer.presignRequest(params).toBuilder()
                .appendRawQueryParameter("User-Agent", userAgent).build();
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(request.getUri().toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        if (provider instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Closing credential providers only frees their threads and HTTP clients.
            }
        }
    }
}
