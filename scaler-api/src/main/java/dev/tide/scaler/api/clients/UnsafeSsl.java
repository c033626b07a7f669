package dev.tide.scaler.api.clients;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * KEDA's {@code unsafeSsl: "true"} (Go's {@code InsecureSkipVerify}) for plugins, SPI 1.4: a trust manager that accepts
 * any server certificate for any host name. Being an {@link X509ExtendedTrustManager}, it also replaces the JDK's
 * host name check, which the JDK performs only inside its own trust manager.
 */
public final class UnsafeSsl {

    private static final X509ExtendedTrustManager TRUSTING = new Trusting();

    private UnsafeSsl() {
    }

    public static X509ExtendedTrustManager trustingTrustManager() {
        return TRUSTING;
    }

    private static final class Trusting extends X509ExtendedTrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
