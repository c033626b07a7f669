package dev.tide.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The external metrics API's serving certificate is replaced under the running service, in a folder updated the way
 * the kubelet updates a mounted Secret, and the next TLS handshake presents the new certificate: no restart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CertificateRotationIT {

    private static final TestPki SERVING_CA = TestPki.authority("tide-serving-ca");
    private static final TestPki REQUEST_HEADER_CA = TestPki.authority("front-proxy-ca");
    private static final TestPki CONTROLLER_CA = TestPki.authority("tide-controller-ca");
    /** The files of the metrics service's Secret volume. */
    static final List<String> FILES = List.of("tls.crt", "tls.key", "requestheader-client-ca.crt", "controller-ca.crt",
            "controller-client.crt", "controller-client.key");
    private static final Path CERTS = certs();
    private static final SecretVolume VOLUME = SecretVolume.create(CERTS, FILES, dir -> write(dir, SERVING_CA.server("first")));

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("tide.metrics.cert-dir", CERTS::toString);
        registry.add("tide.metrics.controller.endpoints", () -> "https://127.0.0.1:1");
        // Spring Boot waits this long after the last change before it reloads (10 s by default).
        registry.add("spring.ssl.bundle.watch.file.quiet-period", () -> "200ms");
        registry.add("management.server.port", () -> "0");
    }

    @Test
    void aRotatedServingCertificateIsServedWithoutARestart() {
        VOLUME.update(dir -> write(dir, SERVING_CA.server("first")));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(servedCertificate(SERVING_CA).getSubjectX500Principal().getName()).isEqualTo("CN=first"));

        TestPki.Issued second = SERVING_CA.server("second");
        VOLUME.update(dir -> write(dir, second));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(servedCertificate(SERVING_CA).getSerialNumber()).isEqualTo(second.certificate().getSerialNumber()));
        assertThat(servedCertificate(SERVING_CA).getSubjectX500Principal().getName()).isEqualTo("CN=second");
    }

    @Test
    void aCertificateFromANewAuthorityIsServedToo() {
        TestPki newCa = TestPki.authority("tide-serving-ca-2");
        TestPki.Issued renewed = newCa.server("renewed");
        VOLUME.update(dir -> write(dir, renewed));

        // A client that trusts only the new authority gets through once the new certificate is served.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() ->
                assertThat(servedCertificate(newCa).getSerialNumber()).isEqualTo(renewed.certificate().getSerialNumber()));
        assertThat(servedCertificate(newCa).getIssuerX500Principal().getName()).isEqualTo("CN=tide-serving-ca-2");
    }

    /** The certificate the server presents in a fresh handshake (no session to resume: a new context each time). */
    private X509Certificate servedCertificate(TestPki trusted) {
        try (SSLSocket socket = (SSLSocket) trusted.clientContext(null).getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path dir, TestPki.Issued serving) {
        serving.writePem(dir, "tls");
        REQUEST_HEADER_CA.writeCertificate(dir, "requestheader-client-ca");
        CONTROLLER_CA.writeCertificate(dir, "controller-ca");
        CONTROLLER_CA.client("tide-metrics-service").writePem(dir, "controller-client");
    }

    private static Path certs() {
        try {
            return Files.createTempDirectory("tide-metrics-rotation");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
