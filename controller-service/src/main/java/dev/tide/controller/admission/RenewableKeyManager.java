package dev.tide.controller.admission;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.springframework.boot.ssl.SslBundle;

/**
 * The webhook's key manager, whose key and certificate can be replaced while the server runs. The JDK's HTTPS server
 * takes its SSL context once (it refuses a new configurator after start), so a renewed certificate cannot be handed to
 * it as a new context; a context built on this key manager serves whatever key manager was last {@link #use used}.
 */
final class RenewableKeyManager extends X509ExtendedKeyManager {

    private volatile X509ExtendedKeyManager current;

    RenewableKeyManager(SslBundle bundle) {
        use(bundle);
    }

    /** An SSL context that serves this key manager's current certificate, with the bundle's protocol and trust. */
    SSLContext sslContext(SslBundle bundle) {
        try {
            SSLContext context = SSLContext.getInstance(bundle.getProtocol());
            context.init(new KeyManager[] {this}, bundle.getManagers().getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the webhook's SSL context cannot be made from its SSL bundle: " + e.getMessage(), e);
        }
    }

    /** New handshakes use the bundle's key and certificate from now on. */
    void use(SslBundle bundle) {
        current = Arrays.stream(bundle.getManagers().getKeyManagers())
                .filter(X509ExtendedKeyManager.class::isInstance).map(X509ExtendedKeyManager.class::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException("the webhook's SSL bundle has no X.509 key"));
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return current.getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return current.chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return current.chooseEngineClientAlias(keyType, issuers, engine);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return current.getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return current.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return current.chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return current.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return current.getPrivateKey(alias);
    }
}
