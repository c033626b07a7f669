package dev.tide.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.params.ParameterBinder;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.auth.SslEngineFactory;
import org.apache.kafka.common.security.ssl.DefaultSslEngineFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The PEM text of a TriggerAuthentication goes to Kafka's own SSL engine factory unchanged: these build real
 * trust and key stores from the test certificates in {@code src/test/resources/tls}.
 */
class ClientPropertiesTlsTest {

    private static String pem(String name) {
        try (InputStream in = ClientPropertiesTlsTest.class.getResourceAsStream("/tls/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DefaultSslEngineFactory engineFactory(Map<String, String> auth) {
        DefaultSslEngineFactory factory = new DefaultSslEngineFactory();
        factory.configure(clientConfig(auth, false).values());
        return factory;
    }

    private static AdminClientConfig clientConfig(Map<String, String> auth, boolean unsafeSsl) {
        Map<String, String> metadata = Map.of("bootstrapServers", "b:9093", "consumerGroup", "g", "tls", "enable",
                "unsafeSsl", Boolean.toString(unsafeSsl));
        KafkaSecurityParams security = ParameterBinder.bind(
                TriggerConfig.builder("kafka").metadata(metadata).authParams(auth).build(), KafkaSecurityParams.class);
        return new AdminClientConfig(ClientProperties.of(List.of("b:9093"), security));
    }

    /**
     * A TLS server whose certificate is signed by a CA the client was not given: only unsafeSsl connects. The
     * client side is built exactly as Kafka builds it, from the engine factory class the properties name.
     */
    @ParameterizedTest(name = "unsafeSsl {0} -> handshake succeeds {0}")
    @CsvSource({"true", "false"})
    void unsafeSslAcceptsACertificateNoOneTrusts(boolean unsafeSsl) throws Exception {
        DefaultSslEngineFactory server = new DefaultSslEngineFactory();
        server.configure(new AdminClientConfig(Map.of("bootstrap.servers", "b:9093", "ssl.keystore.type", "PEM",
                "ssl.keystore.certificate.chain", pem("client.pem"), "ssl.keystore.key", pem("client.key")))
                .values());
        AdminClientConfig client = clientConfig(Map.of(), unsafeSsl);
        // As Kafka's SslFactory does: instantiate the named class, configure it with the parsed values.
        Class<?> factoryClass = client.getClass(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG);
        SslEngineFactory clientFactory = factoryClass == null ? null
                : (SslEngineFactory) factoryClass.getDeclaredConstructor().newInstance();
        if (clientFactory != null) {
            clientFactory.configure(client.values());
        }
        SSLContext clientContext = clientFactory == null ? SSLContext.getDefault()
                : ((UnsafeSslEngineFactory) clientFactory).sslContext();
        try (SSLServerSocket listener = (SSLServerSocket) server.sslContext().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.startHandshake();
                    socket.getOutputStream().write(42);
                    socket.getOutputStream().flush();
                } catch (IOException e) {
                    // The refused handshake fails here too; the client side decides the test.
                }
            });
            try (SSLSocket socket = (SSLSocket) clientContext.getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                if (unsafeSsl) {
                    socket.startHandshake();
                    assertThat(socket.getInputStream().read()).isEqualTo(42);
                } else {
                    assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
                }
            }
            served.join();
        } finally {
            server.close();
            if (clientFactory != null) {
                clientFactory.close();
            }
        }
    }

    @ParameterizedTest(name = "key {0}, password {1}")
    @CsvSource(nullValues = "-", value = {"client.key, -", "client-encrypted.key, tide-test"})
    void buildsKafkaKeyAndTrustStoresFromPemText(String keyFile, String keyPassword) throws Exception {
        Map<String, String> auth = new HashMap<>(Map.of("ca", pem("ca.pem"), "cert", pem("client.pem"),
                "key", pem(keyFile)));
        if (keyPassword != null) {
            auth.put("keyPassword", keyPassword);
        }
        DefaultSslEngineFactory factory = engineFactory(auth);
        assertThat(((X509Certificate) factory.truststore().getCertificate(factory.truststore().aliases()
                .nextElement())).getSubjectX500Principal().getName()).isEqualTo("CN=tide-test-ca");
        assertThat(factory.keystore().size()).isEqualTo(1);
        assertThat(factory.createClientSslEngine("b", 9093, "https").getUseClientMode()).isTrue();
        factory.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"cert without key, cert", "key without cert, key"})
    void refusesHalfAClientCertificate(String name, String only) {
        Map<String, String> auth = Map.of(only, pem(only.equals("cert") ? "client.pem" : "client.key"));
        assertThatThrownBy(() -> engineFactory(auth)).isInstanceOf(ScalerConfigException.class)
                .hasMessageNotContaining("BEGIN");
    }
}
