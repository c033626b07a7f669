package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tide.controller.admission.TestCertificate;
import dev.tide.controller.admission.WebhookServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The controller's certificate is replaced under the running controller, the way the kubelet updates a mounted Secret
 * (a new timestamped folder, then the {@code ..data} link renamed over the old one), and both TLS servers, the
 * internal metrics API (mutual TLS) and the admission webhook, present the new certificate without a restart.
 */
// A real server on a random port (the base class's tests need none): the internal API is Tomcat's.
@SpringBootTest(classes = {TideControllerApplication.class, ReconcilerTestSupport.Beans.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tide.controller.scale-loops.enabled=false", "management.server.port=0", "tide.webhooks.enabled=true",
        "tide.webhooks.port=0"})
class CertificateRotationIT extends ReconcilerTestSupport {

    private static final AtomicInteger VERSION = new AtomicInteger();
    private static final Path CERTS = certs();
    private static final TestCertificate.Issued FIRST = publish("first");

    @LocalServerPort
    int internalPort;

    @Autowired
    WebhookServer webhook;

    /** The chart's SSL bundles, read from the rotating folder (a bundle name of its own: the base class has "webhook"). */
    @DynamicPropertySource
    static void rotatingBundles(DynamicPropertyRegistry registry) {
        for (String bundle : new String[] {"internal", "rotating"}) {
            String prefix = "spring.ssl.bundle.pem." + bundle + ".";
            registry.add(prefix + "reload-on-update", () -> "true");
            registry.add(prefix + "keystore.certificate", () -> "file:" + CERTS.resolve("tls.crt"));
            registry.add(prefix + "keystore.private-key", () -> "file:" + CERTS.resolve("tls.key"));
        }
        registry.add("spring.ssl.bundle.pem.internal.truststore.certificate", () -> "file:" + CERTS.resolve("ca.crt"));
        registry.add("server.ssl.bundle", () -> "internal");
        registry.add("server.ssl.client-auth", () -> "need");
        registry.add("tide.webhooks.ssl-bundle", () -> "rotating");
        // Spring Boot waits this long after the last change before it reloads (10 s by default).
        registry.add("spring.ssl.bundle.watch.file.quiet-period", () -> "200ms");
    }

    @Test
    void bothServersPresentARotatedCertificateWithoutARestart() {
        BigInteger first = FIRST.certificate().getSerialNumber();
        assertThat(served(internalPort, FIRST).getSerialNumber()).isEqualTo(first);
        assertThat(served(webhook.port(), FIRST).getSerialNumber()).isEqualTo(first);

        TestCertificate.Issued second = publish("second");
        BigInteger serial = second.certificate().getSerialNumber();

        // A client that trusts (and presents) only the new certificate gets through once both servers serve it.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
            assertThat(served(internalPort, second).getSerialNumber()).isEqualTo(serial);
            assertThat(served(webhook.port(), second).getSerialNumber()).isEqualTo(serial);
        });
    }

    /**
     * The certificate a server presents to a client that trusts only {@code trusted} and, for the internal API's
     * mutual TLS, presents it too (self-signed: it is its own authority, the bundle's ca.crt). A fresh context each
     * time, so no session is resumed.
     */
    private static X509Certificate served(int port, TestCertificate.Issued trusted) {
        try (SSLSocket socket = (SSLSocket) context(trusted).getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SSLContext context(TestCertificate.Issued trusted) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("trusted", trusted.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyStore identity = KeyStore.getInstance("PKCS12");
            identity.load(null, null);
            identity.setKeyEntry("client", trusted.key(), new char[0], new Certificate[] {trusted.certificate()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(identity, new char[0]);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a new certificate into a new version folder and switches {@code ..data} to it, as the kubelet does. */
    private static TestCertificate.Issued publish(String commonName) {
        try {
            Path version = Files.createDirectory(CERTS.resolve("..tide_" + VERSION.incrementAndGet()));
            TestCertificate.Issued issued = TestCertificate.writePem(version, commonName);
            Path link = CERTS.resolve("..data_tmp");
            Files.createSymbolicLink(link, version.getFileName());
            Files.move(link, CERTS.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            for (String name : new String[] {"tls.crt", "tls.key", "ca.crt"}) {
                if (!Files.exists(CERTS.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(CERTS.resolve(name), Path.of("..data", name));
                }
            }
            return issued;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path certs() {
        try {
            return Files.createTempDirectory("tide-controller-rotation");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
