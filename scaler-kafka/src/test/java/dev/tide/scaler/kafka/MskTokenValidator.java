package dev.tide.scaler.kafka;

import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerExtensionsValidatorCallback;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerToken;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallback;

/**
 * A broker-side OAUTHBEARER validator standing in for MSK: it accepts a token only when {@link SigV4Check} finds it
 * a valid {@code kafka-cluster:Connect} signed for eu-west-1 with {@link MskIamSigningTest#SECRET}, and names the
 * principal after the access key id. Kafka instantiates it by reflection, hence public.
 */
public final class MskTokenValidator implements AuthenticateCallbackHandler {

    static final String REGION = "eu-west-1";

    @Override
    public void configure(Map<String, ?> configs, String saslMechanism, List<AppConfigurationEntry> jaasEntries) {
        // Nothing to configure: the region and the key are the test's.
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof OAuthBearerValidatorCallback validation) {
                validate(validation);
            } else if (callback instanceof OAuthBearerExtensionsValidatorCallback extensions) {
                extensions.inputExtensions().map().keySet().forEach(extensions::valid);
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    private static void validate(OAuthBearerValidatorCallback callback) {
        String token = callback.tokenValue();
        try {
            if (!SigV4Check.valid(token, REGION, MskIamSigningTest.SECRET)) {
                callback.error("invalid_token", null, null);
                return;
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            callback.error("invalid_token", null, null);
            return;
        }
        String keyId = SigV4Check.query(SigV4Check.url(token)).get("X-Amz-Credential").split("/")[0];
        long now = System.currentTimeMillis();
        callback.token(new OAuthBearerToken() {
            @Override
            public String value() {
                return token;
            }

            @Override
            public Set<String> scope() {
                return Set.of();
            }

            @Override
            public long lifetimeMs() {
                return now + 900_000;
            }

            @Override
            public String principalName() {
                return keyId;
            }

            @Override
            public Long startTimeMs() {
                return now;
            }
        });
    }

    @Override
    public void close() {
        // Nothing held.
    }
}
