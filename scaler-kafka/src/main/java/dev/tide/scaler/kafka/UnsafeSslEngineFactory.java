package dev.tide.scaler.kafka;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.auth.SslEngineFactory;
import org.apache.kafka.common.security.ssl.DefaultSslEngineFactory;

/**
 * KEDA's {@code unsafeSsl: true} (Go's {@code InsecureSkipVerify}): the broker's certificate is neither checked
 * against a CA nor against its host name. The client certificate, if any, still comes from Kafka's own PEM handling.
 * Kafka instantiates this class by reflection, hence public.
 */
public final class UnsafeSslEngineFactory implements SslEngineFactory {

    /** Accepts every server: the user asked for it with unsafeSsl. */
    private static final X509TrustManager TRUST_ANY_SERVER = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client-side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // Deliberately empty: no verification.
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };

    private final DefaultSslEngineFactory keys = new DefaultSslEngineFactory();
    private SSLContext context;

    @Override
    public void configure(Map<String, ?> configs) {
        keys.configure(configs);
        try {
            KeyManager[] keyManagers = null;
            KeyStore keyStore = keys.keystore();
            if (keyStore != null) {
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                Password keyPassword = (Password) configs.get(SslConfigs.SSL_KEY_PASSWORD_CONFIG);
                factory.init(keyStore, keyPassword == null ? null : keyPassword.value().toCharArray());
                keyManagers = factory.getKeyManagers();
            }
            context = SSLContext.getInstance("TLS");
            context.init(keyManagers, new TrustManager[] {TRUST_ANY_SERVER}, null);
        } catch (GeneralSecurityException e) {
            throw new KafkaException("could not set up TLS without verification", e);
        }
    }

    SSLContext sslContext() {
        return context;
    }

    @Override
    public SSLEngine createClientSslEngine(String peerHost, int peerPort, String endpointIdentification) {
        SSLEngine engine = context.createSSLEngine(peerHost, peerPort);
        engine.setUseClientMode(true);
        return engine;
    }

    @Override
    public SSLEngine createServerSslEngine(String peerHost, int peerPort) {
        throw new UnsupportedOperationException("Tide's Kafka clients never accept connections");
    }

    @Override
    public boolean shouldBeRebuilt(Map<String, Object> nextConfigs) {
        return false;
    }

    @Override
    public Set<String> reconfigurableConfigs() {
        return Set.of();
    }

    @Override
    public KeyStore keystore() {
        return keys.keystore();
    }

    @Override
    public KeyStore truststore() {
        return null;
    }

    @Override
    public void close() {
        keys.close();
    }
}
