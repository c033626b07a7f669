package dev.tide.controller.admission;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
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

    private TestCertificate() {
    }

    /** A PKCS12 keystore holding the key and certificate (alias {@code webhook}). */
    public static synchronized Path keystore() {
        if (keystore != null) {
            return keystore;
        }
        try {
            Path folder = Files.createDirectories(Path.of("target", "webhook-tls"));
            Path file = folder.resolve("webhook-" + ProcessHandle.current().pid() + ".p12");
            Files.deleteIfExists(file);
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "webhook", "-keyalg", "EC",
                    "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", PASSWORD,
                    "-keypass", PASSWORD)).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool could not make the test certificate: " + output);
            }
            keystore = file;
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
