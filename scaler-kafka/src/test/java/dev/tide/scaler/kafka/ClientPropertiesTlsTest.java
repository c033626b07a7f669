package dev.tide.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.params.ParameterBinder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
        Map<String, String> metadata = Map.of("bootstrapServers", "b:9093", "consumerGroup", "g", "tls", "enable");
        KafkaSecurityParams security = ParameterBinder.bind(
                TriggerConfig.builder("kafka").metadata(metadata).authParams(auth).build(), KafkaSecurityParams.class);
        Map<String, Object> props = new HashMap<>(ClientProperties.of(List.of("b:9093"), security));
        DefaultSslEngineFactory factory = new DefaultSslEngineFactory();
        factory.configure(new AdminClientConfig(props).values());
        return factory;
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
