package dev.tide.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The metrics service's client certificate, its key and the CA it trusts for the controller are replaced under the
 * running service, together with the controller's own CA, in folders updated the way the kubelet updates mounted
 * Secrets: the HPA's reads go on succeeding with the new certificate, and the controller sees the old one no more.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ControllerCertificateRotationIT {

    private static final int PARALLEL = 4;
    private static final TestPki SERVING_CA = TestPki.authority("tide-serving-ca");
    private static final TestPki.Issued SERVING = SERVING_CA.server("tide-metrics-service");
    private static final TestPki REQUEST_HEADER_CA = TestPki.authority("front-proxy-ca");
    private static final TestPki FIRST_CA = TestPki.authority("tide-ca");
    private static final TestPki.Issued FIRST_CLIENT = FIRST_CA.client("tide-metrics-service");
    private static final Path METRICS_CERTS = folder("tide-metrics-certs");
    private static final Path CONTROLLER_CERTS = folder("tide-controller-certs");
    private static final SecretVolume METRICS_VOLUME = SecretVolume.create(METRICS_CERTS, CertificateRotationIT.FILES,
            dir -> writeMetricsFiles(dir, FIRST_CA, FIRST_CLIENT));
    private static final SecretVolume CONTROLLER_VOLUME = SecretVolume.create(CONTROLLER_CERTS,
            List.of("tls.crt", "tls.key", "ca.crt"), dir -> MutualTlsController.writeFiles(dir, FIRST_CA));
    private static final MutualTlsController CONTROLLER = MutualTlsController.start(CONTROLLER_CERTS);
    private static final HttpClient AGGREGATOR = HttpClient.newBuilder()
            .sslContext(SERVING_CA.clientContext(REQUEST_HEADER_CA.client("front-proxy-client")))
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("tide.metrics.cert-dir", METRICS_CERTS::toString);
        registry.add("tide.metrics.controller.endpoints", () -> "https://localhost:" + CONTROLLER.port());
        registry.add("spring.ssl.bundle.watch.file.quiet-period", () -> "200ms");
        registry.add("management.server.port", () -> "0");
        // Reads fail while one side has rotated and the other not yet; the breaker is not under test here.
        registry.add("resilience4j.circuitbreaker.instances.controller.minimum-number-of-calls", () -> "1000");
        registry.add("resilience4j.circuitbreaker.instances.controller.sliding-window-size", () -> "1000");
    }

    @AfterAll
    static void stopAndRemoveKeys() throws IOException {
        CONTROLLER.close();
        FileSystemUtils.deleteRecursively(METRICS_CERTS);
        FileSystemUtils.deleteRecursively(CONTROLLER_CERTS);
    }

    @Test
    void readsWithTheRenewedClientCertificateAndCaWithoutARestartAndNeverWithTheOldOne() {
        // Several kept-alive connections to the controller, made with the first certificate.
        assertThat(readTogether("first")).containsOnly(200);
        assertThat(CONTROLLER.clientSerials()).hasSize(PARALLEL).containsOnly(serial(FIRST_CLIENT));

        // A new CA: the controller serves a certificate it issued and accepts only clients it issued; the metrics
        // service gets a new key, a certificate for it from the new CA, and the new CA to trust.
        TestPki secondCa = TestPki.authority("tide-ca-renewed");
        TestPki.Issued secondClient = secondCa.client("tide-metrics-service");
        CONTROLLER_VOLUME.update(dir -> MutualTlsController.writeFiles(dir, secondCa));
        METRICS_VOLUME.update(dir -> writeMetricsFiles(dir, secondCa, secondClient));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(read("s0-probe").statusCode()).isEqualTo(200);
            assertThat(CONTROLLER.clientSerials()).last().as("serial of the client certificate the controller saw last")
                    .isEqualTo(serial(secondClient));
        });
        assertThat(readTogether("second")).containsOnly(200);

        // The connections made with the first certificate stay open at the controller, which would still take
        // requests on them; from the first request with the new certificate on, none arrives with the old one.
        List<BigInteger> seen = CONTROLLER.clientSerials();
        assertThat(seen.subList(seen.indexOf(serial(secondClient)), seen.size()))
                .as("client certificate serials the controller saw from the first renewed one on")
                .hasSizeGreaterThan(PARALLEL).containsOnly(serial(secondClient));
    }

    /** {@link #PARALLEL} reads of distinct metrics, held at the controller until all are in: one connection each. */
    private List<Integer> readTogether(String batch) {
        CONTROLLER.gather(new CyclicBarrier(PARALLEL));
        try {
            List<CompletableFuture<HttpResponse<String>>> reads = IntStream.range(0, PARALLEL)
                    .mapToObj(i -> send("s" + i + "-" + batch)).toList();
            return reads.stream().map(read -> read.join().statusCode()).toList();
        } finally {
            CONTROLLER.gather(null);
        }
    }

    private HttpResponse<String> read(String metric) {
        return send(metric).join();
    }

    /** What the HPA does: ask for one metric of ScaledObject default/orders through the aggregation layer. */
    private CompletableFuture<HttpResponse<String>> send(String metric) {
        URI uri = URI.create("https://localhost:" + port + "/apis/external.metrics.k8s.io/v1beta1/namespaces/default/"
                + metric + "?labelSelector=" + URLEncoder.encode("scaledobject.keda.sh/name=orders", StandardCharsets.UTF_8));
        return AGGREGATOR.sendAsync(HttpRequest.newBuilder(uri)
                        .header("X-Remote-User", "system:serviceaccount:kube-system:horizontal-pod-autoscaler")
                        .timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void writeMetricsFiles(Path dir, TestPki controllerCa, TestPki.Issued client) {
        SERVING.writePem(dir, "tls");
        REQUEST_HEADER_CA.writeCertificate(dir, "requestheader-client-ca");
        controllerCa.writeCertificate(dir, "controller-ca");
        client.writePem(dir, "controller-client");
    }

    private static BigInteger serial(TestPki.Issued issued) {
        return issued.certificate().getSerialNumber();
    }

    private static Path folder(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
