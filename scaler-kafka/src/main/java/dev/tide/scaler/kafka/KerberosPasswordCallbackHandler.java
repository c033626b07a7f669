package dev.tide.scaler.kafka;

import java.util.List;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;

/**
 * Kafka's login callback handler for {@code sasl: gssapi} with a password: answers the JDK Krb5LoginModule's name
 * and password callbacks from the client's configuration, so the password stays in memory (Kafka's own handler
 * refuses to give one). The password arrives as Kafka's {@link Password}, whose {@code toString} hides it; its key
 * starts with {@code sasl.} so that Kafka's login cache tells clients with different passwords apart.
 */
public final class KerberosPasswordCallbackHandler implements AuthenticateCallbackHandler {

    static final String PRINCIPAL_CONFIG = "sasl.tide.kerberos.principal";
    static final String PASSWORD_CONFIG = "sasl.tide.kerberos.password";

    private String principal;
    private Password password;

    @Override
    public void configure(Map<String, ?> configs, String saslMechanism, List<AppConfigurationEntry> jaasEntries) {
        principal = (String) configs.get(PRINCIPAL_CONFIG);
        password = (Password) configs.get(PASSWORD_CONFIG);
        if (principal == null || password == null) {
            throw new IllegalArgumentException(PRINCIPAL_CONFIG + " and " + PASSWORD_CONFIG + " must be set");
        }
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof NameCallback name) {
                name.setName(principal);
            } else if (callback instanceof PasswordCallback secret) {
                secret.setPassword(password.value().toCharArray());
            } else {
                throw new UnsupportedCallbackException(callback, "unexpected Kerberos login callback "
                        + callback.getClass().getName());
            }
        }
    }

    @Override
    public void close() {
        password = null;
    }
}
