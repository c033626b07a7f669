package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The metrics API behind mutual TLS, configured only through Spring Boot's SSL bundle properties (what the chart
 * sets): a client with a certificate from the CA gets an answer, a client without one gets no connection. This
 * replica runs no loops (it answers NotLeader) and watches a namespace of its own, so it leaves the other scaling
 * ITs' objects alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {TideControllerApplication.class, ScalingTestSupport.MockClient.class}, properties = {
                "tide.controller.watch-namespaces=mtls-only",
                "tide.controller.scale-loops.enabled=false",
                "spring.ssl.bundle.pem.internal.keystore.certificate=classpath:tls/server.pem",
                "spring.ssl.bundle.pem.internal.keystore.private-key=classpath:tls/server.key",
                "spring.ssl.bundle.pem.internal.truststore.certificate=classpath:tls/ca.pem",
                "server.ssl.bundle=internal",
                "server.ssl.client-auth=need",
                "management.server.port=0"})
class ScalingMutualTlsIT {

    @Value("${local.server.port}")
    int port;

    static SSLContext context(boolean withClientCertificate) {
        PemSslStoreDetails trust = PemSslStoreDetails.forCertificate("classpath:tls/ca.pem");
        PemSslStoreDetails key = withClientCertificate
                ? PemSslStoreDetails.forCertificate("classpath:tls/client.pem").withPrivateKey("classpath:tls/client.key")
                : null;
        return SslBundle.of(new PemSslStoreBundle(key, trust)).createSslContext();
    }

    HttpResponse<String> get(boolean withClientCertificate) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().sslContext(context(withClientCertificate)).build();
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port
                + "/internal/v1/namespaces/mtls-only/scaledobjects/so/metrics/s0-x")).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aClientWithACertificateFromTheCaIsAnswered() throws Exception {
        HttpResponse<String> response = get(true);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"reason\":\"NotLeader\"");
    }

    @Test
    void aClientWithoutACertificateIsRefused() {
        assertThatThrownBy(() -> get(false)).isInstanceOf(IOException.class);
    }
}
