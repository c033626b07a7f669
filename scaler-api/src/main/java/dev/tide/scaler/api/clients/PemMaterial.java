package dev.tide.scaler.api.clients;

import dev.tide.scaler.api.Secret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
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
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * PEM certificates and keys from a TriggerAuthentication turned into the JDK's TLS material, as KEDA's
 * {@code NewTLSConfig} reads them (SPI 1.5): a CA adds to the system's roots, a client certificate goes with its
 * private key (PKCS#8 RSA, EC or Ed25519, or PKCS#1 RSA). With the JDK alone, so any client library can use it.
 *
 * <p>Every failure is an {@link IllegalArgumentException} naming the parameter the user wrote, never quoting it.
 */
public final class PemMaterial {

    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");
    private static final char[] NO_PASSWORD = new char[0];

    private PemMaterial() {
    }

    /**
     * Trust in the JDK's default roots and in every certificate of {@code caPem} (Go's system pool plus
     * {@code AppendCertsFromPEM}).
     *
     * @param parameter the parameter {@code caPem} came from, for messages
     */
    public static TrustManager[] trustManagers(Secret caPem, String parameter) {
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
            Collection<? extends Certificate> authorities = certificates(caPem, parameter);
            if (authorities.isEmpty()) {
                throw new IllegalArgumentException(parameter + " holds no PEM certificate");
            }
            for (Certificate authority : authorities) {
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
     * A client certificate chain and its private key (Go's {@code tls.X509KeyPair}).
     *
     * @param certificateParameter the parameter {@code certificatePem} came from, for messages
     * @param keyParameter the parameter {@code keyPem} came from, for messages
     */
    public static KeyManager[] keyManagers(Secret certificatePem, String certificateParameter, Secret keyPem,
            String keyParameter) {
        try {
            List<? extends Certificate> chain = List.copyOf(certificates(certificatePem, certificateParameter));
            if (chain.isEmpty()) {
                throw new IllegalArgumentException(certificateParameter + " holds no PEM certificate");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", privateKey(keyPem, keyParameter), NO_PASSWORD, chain.toArray(Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, NO_PASSWORD);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(certificateParameter + " and " + keyParameter + " cannot be used together ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * A TLS context for a client.
     *
     * @param keys the client's key managers, or null for none
     * @param trust the trust managers, or null for the JDK's default roots
     */
    public static SSLContext sslContext(KeyManager[] keys, TrustManager[] trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM offers no TLS context", e);
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

    private static Collection<? extends Certificate> certificates(Secret pem, String parameter) {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.reveal().getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new IllegalArgumentException(parameter + " is not a PEM certificate");
        }
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
