package dev.tide.scaler.external.testing;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority minted when a test runs, with server and client certificates in PEM, the form a
 * TriggerAuthentication's {@code caCert}, {@code tlsClientCert} and {@code tlsClientKey} carry. No key is committed.
 */
public final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    private final Pem authority;
    private final PrivateKey authorityKey;

    /**
     * A certificate and its key in PEM.
     *
     * @param certificate {@code CERTIFICATE}
     * @param key {@code PRIVATE KEY} (PKCS#8)
     * @param rsaKey {@code RSA PRIVATE KEY} (PKCS#1), for RSA keys only; else null
     */
    public record Pem(String certificate, String key, String rsaKey) {
    }

    private TestCertificates(Pem authority, PrivateKey authorityKey) {
        this.authority = authority;
        this.authorityKey = authorityKey;
    }

    /** A new authority with an EC key. */
    public static TestCertificates authority(String name) {
        KeyPair pair = keyPair("EC");
        X509Certificate certificate = sign(new X500Name("CN=" + name), pair, new X500Name("CN=" + name), pair.getPrivate(), true);
        return new TestCertificates(pem(certificate, pair.getPrivate()), pair.getPrivate());
    }

    public String caCertificate() {
        return authority.certificate();
    }

    /** A certificate for localhost and 127.0.0.1, signed by this authority. */
    public Pem server() {
        return issue("external-scaler", "EC");
    }

    /** A client certificate signed by this authority; {@code RSA} keys also come in PKCS#1. */
    public Pem client(String algorithm) {
        return issue("tide", algorithm);
    }

    private Pem issue(String commonName, String algorithm) {
        KeyPair pair = keyPair(algorithm);
        X500Name issuer = new X500Name(certificateOf(authority.certificate()).getSubjectX500Principal().getName());
        return pem(sign(new X500Name("CN=" + commonName), pair, issuer, authorityKey, false), pair.getPrivate());
    }

    private static X509Certificate sign(X500Name subject, KeyPair pair, X500Name issuer, PrivateKey issuerKey, boolean authority) {
        Instant now = Instant.now();
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
            if (!authority) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress())}));
            }
            String signature = issuerKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(signature).build(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a test certificate", e);
        }
    }

    private static Pem pem(X509Certificate certificate, PrivateKey key) {
        try {
            String rsa = null;
            if (key.getAlgorithm().equals("RSA")) {
                rsa = block("RSA PRIVATE KEY", PrivateKeyInfo.getInstance(key.getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded());
            }
            return new Pem(block("CERTIFICATE", certificate.getEncoded()), block("PRIVATE KEY", key.getEncoded()), rsa);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate certificateOf(String pem) {
        try {
            return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static KeyPair keyPair(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(algorithm.equals("EC") ? 256 : 2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
