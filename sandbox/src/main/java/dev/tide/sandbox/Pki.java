package dev.tide.sandbox;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Throwaway certificates for one run: the metrics service serves TLS and, like behind a real aggregator, accepts
 * only callers with a client certificate from the request-header CA. One CA signs everything.
 */
final class Pki {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final KeyPair caKeys;
    private final X509Certificate ca;
    private final KeyPair clientKeys;
    private final X509Certificate client;

    private Pki(KeyPair caKeys, X509Certificate ca, KeyPair clientKeys, X509Certificate client) {
        this.caKeys = caKeys;
        this.ca = ca;
        this.clientKeys = clientKeys;
        this.client = client;
    }

    static Pki create() {
        KeyPair caKeys = keys();
        X509Certificate ca = sign("CN=tide-sandbox-ca", caKeys, "CN=tide-sandbox-ca", caKeys.getPrivate(), true);
        KeyPair clientKeys = keys();
        // The name the kube-apiserver's front proxy uses.
        X509Certificate client = sign("CN=front-proxy-client", clientKeys, "CN=tide-sandbox-ca", caKeys.getPrivate(), false);
        return new Pki(caKeys, ca, clientKeys, client);
    }

    /** The files the metrics service reads from its {@code tide.metrics.cert-dir}. */
    void writeMetricsServiceFiles(Path dir) {
        KeyPair serverKeys = keys();
        X509Certificate server = sign("CN=localhost", serverKeys, "CN=tide-sandbox-ca", caKeys.getPrivate(), false);
        KeyPair controllerClientKeys = keys();
        X509Certificate controllerClient = sign("CN=tide-metrics-service", controllerClientKeys, "CN=tide-sandbox-ca",
                caKeys.getPrivate(), false);
        write(dir.resolve("tls.crt"), server);
        write(dir.resolve("tls.key"), serverKeys.getPrivate());
        write(dir.resolve("requestheader-client-ca.crt"), ca);
        write(dir.resolve("controller-client.crt"), controllerClient);
        write(dir.resolve("controller-client.key"), controllerClientKeys.getPrivate());
        write(dir.resolve("controller-ca.crt"), ca);
    }

    /** TLS as the aggregator calls an extension API server: its client certificate, trusting our CA. */
    SSLContext aggregatorContext() {
        try {
            char[] password = "sandbox".toCharArray();
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("client", clientKeys.getPrivate(), password, new X509Certificate[] {client, ca});
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, password);
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            trustStore.setCertificateEntry("ca", ca);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new SandboxException("cannot build the aggregator's TLS context: " + e, e);
        }
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new SandboxException("no EC key generator: " + e, e);
        }
    }

    private static X509Certificate sign(String subject, KeyPair subjectKeys, String issuer, PrivateKey issuerKey,
            boolean isCa) {
        Instant now = Instant.now();
        try {
            // A year (the chart issues ten): a day would raise TideCertificateExpiresSoon on the scrape
            // SandboxSeriesIT captures as healthy.
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(365))), new X500Name(subject), subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (!isCa) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (OperatorCreationException | GeneralSecurityException | IOException e) {
            throw new SandboxException("cannot sign a certificate for " + subject + ": " + e, e);
        }
    }

    private static void write(Path file, Object pemObject) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            // Private keys as PKCS#8 ("PRIVATE KEY"), which every PEM reader accepts.
            writer.writeObject(pemObject instanceof PrivateKey key ? new JcaPKCS8Generator(key, null) : pemObject);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
