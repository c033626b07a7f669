package dev.tide.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway certificate authority minted at test time (no private key is ever committed): issues
 * server certificates for localhost and client certificates, and writes them as the PEM files Spring
 * Boot's SSL bundles read.
 */
final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    static final char[] PASSWORD = "changeit".toCharArray();

    private final Issued ca;

    /**
     * A certificate and its key.
     *
     * @param certificate the certificate
     * @param key its private key
     */
    record Issued(X509Certificate certificate, PrivateKey key) {

        /** Writes {@code <name>.crt} and {@code <name>.key} (PKCS#8) into the folder. */
        void writePem(Path folder, String name) {
            write(folder.resolve(name + ".crt"), pem("CERTIFICATE", encoded(certificate)));
            write(folder.resolve(name + ".key"), pem("PRIVATE KEY", key.getEncoded()));
        }

        /** A PKCS#12 key store holding this key and certificate under alias {@code key}. */
        Path writePkcs12(Path file) {
            return save(keyStore(null, this), file);
        }
    }

    private TestPki(Issued ca) {
        this.ca = ca;
    }

    static TestPki authority(String name) {
        KeyPair pair = keyPair();
        X500Name subject = new X500Name("CN=" + name);
        X509Certificate certificate = sign(subject, pair, subject, pair.getPrivate(), true, null, null);
        return new TestPki(new Issued(certificate, pair.getPrivate()));
    }

    /** A serving certificate for localhost and 127.0.0.1. */
    Issued server(String commonName) {
        GeneralNames names = new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"),
            new GeneralName(GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress())
        });
        return issue(commonName, KeyPurposeId.id_kp_serverAuth, names);
    }

    /** A client certificate with the given common name. */
    Issued client(String commonName) {
        return issue(commonName, KeyPurposeId.id_kp_clientAuth, null);
    }

    /** Writes this authority's certificate as {@code <name>.crt}. */
    void writeCertificate(Path folder, String name) {
        write(folder.resolve(name + ".crt"), pem("CERTIFICATE", encoded(ca.certificate())));
    }

    /** A PKCS#12 trust store holding this authority's certificate. */
    Path writeTrustStore(Path file) {
        return save(keyStore(ca.certificate(), null), file);
    }

    /** A client TLS context trusting this authority, presenting {@code identity} if not null. */
    SSLContext clientContext(Issued identity) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(keyStore(ca.certificate(), null));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore(null, identity), PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An in-memory PKCS#12 store with a trusted certificate and/or a key entry (either may be null). */
    private static KeyStore keyStore(X509Certificate trusted, Issued identity) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            if (trusted != null) {
                store.setCertificateEntry("ca", trusted);
            }
            if (identity != null) {
                store.setKeyEntry("key", identity.key(), PASSWORD, new Certificate[] {identity.certificate()});
            }
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path save(KeyStore store, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Issued issue(String commonName, KeyPurposeId purpose, GeneralNames names) {
        KeyPair pair = keyPair();
        X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
        X509Certificate certificate = sign(
                new X500Name("CN=" + commonName), pair, issuer, ca.key(), false, purpose, names);
        return new Issued(certificate, pair.getPrivate());
    }

    private static X509Certificate sign(X500Name subject, KeyPair pair, X500Name issuer, PrivateKey issuerKey,
            boolean authority, KeyPurposeId purpose, GeneralNames names) {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(Duration.ofDays(1))), subject, pair.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(authority
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                    : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            if (purpose != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            }
            if (names != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, names);
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (CertIOException | OperatorCreationException | java.security.cert.CertificateException e) {
            throw new IllegalStateException("cannot sign a test certificate", e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
