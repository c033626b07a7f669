package dev.tide.scaler.external;

import dev.tide.scaler.api.Secret;
import dev.tide.scaler.api.clients.UnsafeSsl;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The channel credentials of a {@link ChannelIdentity}, as KEDA's {@code NewTLSConfig} builds them: the system's
 * roots plus {@code caCert}, a client certificate when both the certificate and its key are given, and no
 * verification at all with {@code unsafeSsl}. PEM is read with the JDK alone.
 */
final class TlsMaterial {

    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");
    private static final char[] NO_PASSWORD = new char[0];

    private TlsMaterial() {
    }

    /** @throws IllegalArgumentException naming the parameter that could not be read, never quoting it */
    static ChannelCredentials credentials(ChannelIdentity identity) {
        if (!identity.tls()) {
            return InsecureChannelCredentials.create();
        }
        TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder();
        if (identity.unsafeSsl()) {
            builder.trustManager(UnsafeSsl.trustingTrustManager());
        } else if (identity.caCert().isPresent()) {
            builder.trustManager(trustManagers(identity.caCert().get()));
        }
        if (identity.clientCert().isPresent() && identity.clientKey().isPresent()) {
            builder.keyManager(keyManagers(identity.clientCert().get(), identity.clientKey().get()));
        }
        return builder.build();
    }

    /** The JDK's default roots and the given CA certificates. */
    private static TrustManager[] trustManagers(Secret caCert) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            system.init((KeyStore) null);
            int alias = 0;
            for (TrustManager manager : system.getTrustManagers()) {
                if (manager instanceof javax.net.ssl.X509TrustManager x509) {
                    for (X509Certificate root : x509.getAcceptedIssuers()) {
                        store.setCertificateEntry("system-" + alias++, root);
                    }
                }
            }
            Collection<? extends Certificate> authorities = certificates(caCert, "caCert");
            if (authorities.isEmpty()) {
                throw new IllegalArgumentException("caCert holds no PEM certificate");
            }
            for (Certificate authority : authorities) {
                store.setCertificateEntry("ca-" + alias++, authority);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("caCert cannot be used (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static javax.net.ssl.KeyManager[] keyManagers(Secret certificate, Secret key) {
        try {
            List<? extends Certificate> chain = List.copyOf(certificates(certificate, "tlsClientCert"));
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("tlsClientCert holds no PEM certificate");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", privateKey(key), NO_PASSWORD, chain.toArray(Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, NO_PASSWORD);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("tlsClientCert and tlsClientKey cannot be used together ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static Collection<? extends Certificate> certificates(Secret pem, String parameter) {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.reveal().getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalArgumentException(parameter + " is not a PEM certificate");
        }
    }

    /** PKCS#8 ({@code PRIVATE KEY}, RSA or EC) or PKCS#1 ({@code RSA PRIVATE KEY}), as Go's {@code X509KeyPair} reads. */
    static PrivateKey privateKey(Secret pem) {
        Matcher matcher = PEM.matcher(pem.reveal());
        while (matcher.find()) {
            String type = matcher.group(1);
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(matcher.group(2).trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tlsClientKey is not valid PEM");
            }
            if (type.equals("PRIVATE KEY")) {
                return pkcs8(der);
            }
            if (type.equals("RSA PRIVATE KEY")) {
                return pkcs8(Pkcs1.toPkcs8(der));
            }
        }
        throw new IllegalArgumentException("tlsClientKey holds no PKCS#8 or PKCS#1 RSA private key");
    }

    private static PrivateKey pkcs8(byte[] der) {
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException tryNext) {
                // Not this algorithm's key.
            }
        }
        throw new IllegalArgumentException("tlsClientKey is not an RSA, EC or Ed25519 private key");
    }
}
