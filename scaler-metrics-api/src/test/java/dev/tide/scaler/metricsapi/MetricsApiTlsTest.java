package dev.tide.scaler.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.Secret;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.clients.PemMaterial;
import dev.tide.scaler.external.testing.TestCertificates;
import dev.tide.scaler.external.testing.TestCertificates.Pem;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code authMode: tls} against a real HTTPS server that asks for a client certificate, with a CA and certificates
 * minted when the test runs (no key is committed): KEDA's {@code cert}, {@code key} and {@code ca} from the
 * TriggerAuthentication, the system's roots plus {@code ca}, and {@code unsafeSsl}.
 */
class MetricsApiTlsTest {

    private static final TestCertificates CA = TestCertificates.authority("metrics-api-test-ca");
    private static final TestCertificates OTHER_CA = TestCertificates.authority("someone-else");
    private static final Pem CLIENT = CA.client("EC");
    private static final Pem RSA_CLIENT = CA.client("RSA");
    /** The client certificate subject the server saw on each request, or "none". */
    private static final Queue<String> SEEN = new ConcurrentLinkedQueue<>();

    private static HttpsServer server;

    private final MetricsApiScalerFactory factory = new MetricsApiScalerFactory();

    @BeforeAll
    static void startAServerThatWantsAClientCertificateFromItsCa() throws IOException, GeneralSecurityException {
        Pem identity = CA.server();
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(PemMaterial.keyManagers(Secret.of(identity.certificate()), "cert", Secret.of(identity.key()), "key"),
                PemMaterial.trustManagers(Secret.of(CA.caCertificate()), "ca"), null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = context.getDefaultSSLParameters();
                ssl.setWantClientAuth(true);
                parameters.setSSLParameters(ssl);
            }
        });
        server.createContext("/stats", exchange -> {
            String client;
            try {
                client = ((HttpsExchange) exchange).getSSLSession().getPeerPrincipal().getName();
            } catch (SSLPeerUnverifiedException none) {
                client = "none";
            }
            SEEN.add(client);
            byte[] body = "{\"queue\": 7}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(client.equals("none") ? 401 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterAll
    static void stopTheServer() {
        server.stop(0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an EC key in PKCS#8, the CA in ca       | EC  | false
            an RSA key in PKCS#1, the CA in ca      | RSA | false
            unsafeSsl with the CA given too         | EC  | true
            """)
    void presentsTheClientCertificateAndTrustsTheServerThroughCa(String what, String algorithm, boolean unsafeSsl) {
        Pem client = algorithm.equals("RSA") ? RSA_CLIENT : CLIENT;
        String key = algorithm.equals("RSA") ? client.rsaKey() : client.key();
        SEEN.clear();

        try (Scaler scaler = factory.create(trigger(Map.of("cert", client.certificate(), "key", key, "ca", CA.caCertificate()),
                unsafeSsl))) {
            assertThat(scaler.sample("m").values()).containsExactly(MetricValue.of("m", 7));
        }
        assertThat(SEEN).containsExactly("CN=tide");
    }

    @Test
    void withoutCaTheServerSignedByAPrivateAuthorityIsNotTrusted() {
        try (Scaler scaler = factory.create(trigger(Map.of("cert", CLIENT.certificate(), "key", CLIENT.key()), false))) {
            assertThatThrownBy(() -> scaler.sample("m"))
                    .isInstanceOf(ScalerException.class)
                    .hasMessageContaining("SSLHandshakeException");
        }
    }

    @Test
    void aServerSignedByAnotherAuthorityThanCaIsNotTrusted() {
        try (Scaler scaler = factory.create(trigger(Map.of("cert", CLIENT.certificate(), "key", CLIENT.key(),
                "ca", OTHER_CA.caCertificate()), false))) {
            assertThatThrownBy(() -> scaler.sample("m")).hasMessageContaining("SSLHandshakeException");
        }
    }

    @Test
    void withoutTlsAuthNoClientCertificateIsSent() {
        SEEN.clear();
        Map<String, String> metadata = new HashMap<>(trigger(Map.of(), true).metadata());
        metadata.remove("authMode");
        TriggerConfig trigger = TriggerConfig.builder(MetricsApiScalerFactory.TYPE).metadata(metadata).build();

        try (Scaler scaler = factory.create(trigger)) {
            assertThatThrownBy(() -> scaler.sample("m")).hasMessageContaining("api returned 401");
        }
        assertThat(SEEN).containsExactly("none");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a key that is not PEM          | key  | key holds no PKCS#8 or PKCS#1 RSA private key
            a certificate that is not PEM  | cert | cert is not a PEM certificate
            a CA that is not PEM           | ca   | ca is not a PEM certificate
            """)
    void tlsMaterialThatCannotBeReadRefusesTheTriggerNamingTheParameterAndNeverTheMaterial(String what, String parameter,
            String message) {
        Map<String, String> material = new HashMap<>(Map.of("cert", CLIENT.certificate(), "key", CLIENT.key(),
                "ca", CA.caCertificate()));
        material.put(parameter, "not PEM at all");

        assertThatThrownBy(() -> factory.create(trigger(material, false)))
                .isInstanceOf(ScalerConfigException.class)
                .hasMessage("trigger[0] (metrics-api): " + message)
                .message().doesNotContain("BEGIN", "not PEM at all");
    }

    private static TriggerConfig trigger(Map<String, String> material, boolean unsafeSsl) {
        return TriggerConfig.builder(MetricsApiScalerFactory.TYPE)
                .metadata(Map.of("url", "https://localhost:" + server.getAddress().getPort() + "/stats",
                        "valueLocation", "queue", "targetValue", "5", "authMode", "tls", "unsafeSsl", Boolean.toString(unsafeSsl)))
                .authParams(material)
                .build();
    }
}
