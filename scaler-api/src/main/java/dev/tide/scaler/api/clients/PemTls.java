package dev.tide.scaler.api.clients;

import dev.tide.scaler.api.Secret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS material from the PEM text a TriggerAuthentication carries, as KEDA's {@code NewTLSConfig} reads it (SPI 1.5):
 * the system's roots plus the given authorities, and a client certificate with its key. JDK only, so every plugin
 * reads PEM the same way and none bundles a crypto library for it.
 *
 * <p>Every method names the trigger parameter it read in its messages and never quotes the PEM.
 */
public final class PemTls {

    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");
    private static final char[] NO_PASSWORD = new char[0];

    private PemTls() {
    }

    /**
     * The JDK's default roots and the PEM certificates in {@code authorities} (Go's {@code SystemCertPool} plus
     * {@code AppendCertsFromPEM}).
     *
     * @param parameter the trigger parameter the authorities came from, for messages ({@code ca}, {@code caCert})
     * @throws IllegalArgumentException when the text holds no certificate or cannot be used
     */
    public static TrustManager[] trustManagers(Secret authorities, String parameter) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            system.init((KeyStore) null);
            int alias = 0;
            for (TrustManager manager : system.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate root : x509.getAcceptedIssuers()) {
                        store.setCertificateEntry("system-" + alias++, root);
                    }
                }
            }
            Collection<? extends Certificate> added = certificates(authorities, parameter);
            if (added.isEmpty()) {
                throw new IllegalArgumentException(parameter + " holds no PEM certificate");
            }
            for (Certificate authority : added) {
                store.setCertificateEntry("ca-" + alias++, authority);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(parameter + " cannot be used (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * The client identity of a certificate chain and its private key (Go's {@code X509KeyPair}).
     *
     * @param certificateParameter and {@code keyParameter}: the trigger parameters they came from, for messages
     * @throws IllegalArgumentException when either cannot be read, or they do not belong together
     */
    public static KeyManager[] keyManagers(Secret certificate, String certificateParameter, Secret key, String keyParameter) {
        try {
            List<? extends Certificate> chain = List.copyOf(certificates(certificate, certificateParameter));
            if (chain.isEmpty()) {
                throw new IllegalArgumentException(certificateParameter + " holds no PEM certificate");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", privateKey(key, keyParameter), NO_PASSWORD, chain.toArray(Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, NO_PASSWORD);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(certificateParameter + " and " + keyParameter + " cannot be used together ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static Collection<? extends Certificate> certificates(Secret pem, String parameter) {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.reveal().getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new IllegalArgumentException(parameter + " is not a PEM certificate");
        }
    }

    /** PKCS#8 ({@code PRIVATE KEY}: RSA, EC or Ed25519) or PKCS#1 ({@code RSA PRIVATE KEY}), as Go's {@code X509KeyPair} reads. */
    static PrivateKey privateKey(Secret pem, String parameter) {
        Matcher matcher = PEM.matcher(pem.reveal());
        while (matcher.find()) {
            String type = matcher.group(1);
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(matcher.group(2).trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(parameter + " is not valid PEM");
            }
            if (type.equals("PRIVATE KEY")) {
                return pkcs8(der, parameter);
            }
            if (type.equals("RSA PRIVATE KEY")) {
                return pkcs8(Pkcs1.toPkcs8(der), parameter);
            }
        }
        throw new IllegalArgumentException(parameter + " holds no PKCS#8 or PKCS#1 RSA private key");
    }

    private static PrivateKey pkcs8(byte[] der, String parameter) {
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException tryNext) {
                // Not this algorithm's key.
            }
        }
        throw new IllegalArgumentException(parameter + " is not an RSA, EC or Ed25519 private key");
    }
}
