package dev.tide.controller.admission;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code localhost}, made once per JVM with the JDK's own {@code keytool}, so the webhook
 * is tested over real TLS without a certificate library.
 */
public final class TestCertificate {

    public static final String PASSWORD = "changeit";
    private static Path keystore;

    /**
     * A certificate and its private key.
     *
     * @param certificate the self-signed certificate
     * @param key its private key
     */
    public record Issued(X509Certificate certificate, PrivateKey key) {
    }

    private TestCertificate() {
    }

    /** A PKCS12 keystore holding the key and certificate (alias {@code webhook}). */
    public static synchronized Path keystore() {
        if (keystore == null) {
            keystore = generate(Path.of("target", "webhook-tls", "webhook-" + ProcessHandle.current().pid() + ".p12"), "localhost");
        }
        return keystore;
    }

    /**
     * A new self-signed certificate for {@code localhost} with the given common name, written as the PEM files a
     * Spring Boot PEM SSL bundle reads: {@code tls.crt}, {@code tls.key} (PKCS#8) and {@code ca.crt} (the same
     * certificate, its own authority).
     */
    public static Issued writePem(Path folder, String commonName) {
        try {
            Path file = generate(Files.createTempDirectory(Path.of("target"), "pem").resolve("key.p12"), commonName);
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, PASSWORD.toCharArray());
            }
            X509Certificate certificate = (X509Certificate) store.getCertificate("webhook");
            String pem = pem("CERTIFICATE", certificate.getEncoded());
            Files.writeString(folder.resolve("tls.crt"), pem);
            Files.writeString(folder.resolve("ca.crt"), pem);
            PrivateKey key = (PrivateKey) store.getKey("webhook", PASSWORD.toCharArray());
            Files.writeString(folder.resolve("tls.key"), pem("PRIVATE KEY", key.getEncoded()));
            return new Issued(certificate, key);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static Path generate(Path file, String commonName) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "webhook", "-keyalg", "EC",
                    "-groupname", "secp256r1", "-dname", "CN=" + commonName, "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", PASSWORD,
                    "-keypass", PASSWORD)).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool could not make the test certificate: " + output);
            }
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("keytool could not be run from " + System.getProperty("java.home"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A client context that trusts exactly this certificate. */
    public static SSLContext clientContext() {
        try (InputStream in = Files.newInputStream(keystore())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
