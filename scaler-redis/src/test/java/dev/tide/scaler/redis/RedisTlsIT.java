package dev.tide.scaler.redis;

import static dev.tide.scaler.redis.RedisTriggers.config;
import static dev.tide.scaler.redis.RedisTriggers.map;
import static dev.tide.scaler.redis.RedisTriggers.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.external.testing.TestCertificates;
import dev.tide.scaler.redis.testing.RedisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS against a real redis-server with {@code --tls-port} and {@code --tls-auth-clients yes}, its certificate signed by
 * a CA minted for the run: KEDA's {@code tls: enable} with {@code ca}, {@code cert} and {@code key}, {@code enableTLS}
 * with {@code unsafeSsl}, and the refusals when trust or the client certificate is missing.
 */
class RedisTlsIT {

    private static final TestCertificates AUTHORITY = TestCertificates.authority("redis-tls-it");
    private static final TestCertificates.Pem CLIENT = AUTHORITY.client("EC");

    private static RedisServer server;
    private static int tlsPort;

    private final RedisConnections connections = new RedisConnections();
    private final RedisFamilyFactory factory = RedisTriggers.factory(Topology.STANDALONE, false, connections);

    @BeforeAll
    static void startServer() throws IOException {
        Path folder = Files.createTempDirectory(Files.createDirectories(Path.of(System.getProperty("tide.redis.work",
                "target/redis")).toAbsolutePath()), "tls-");
        TestCertificates.Pem pem = AUTHORITY.server();
        Path cert = Files.writeString(folder.resolve("server.crt"), pem.certificate());
        Path key = Files.writeString(folder.resolve("server.key"), pem.key());
        Path ca = Files.writeString(folder.resolve("ca.crt"), AUTHORITY.caCertificate());
        tlsPort = RedisServer.freePort();
        server = RedisServer.start(Optional.empty(), List.of("--tls-port", Integer.toString(tlsPort), "--tls-cert-file",
                cert.toString(), "--tls-key-file", key.toString(), "--tls-ca-cert-file", ca.toString(),
                "--tls-auth-clients", "yes"));
        server.cli("RPUSH", "tls-jobs", "a", "b", "c");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private Scaler scaler(Map<String, String> metadata, Map<String, String> authParams) {
        Map<String, String> all = map("address", "127.0.0.1:" + tlsPort, "listName", "tls-jobs");
        all.putAll(metadata);
        return factory.create(config("redis", all, authParams));
    }

    @Test
    void tlsEnabledInTheTriggerAuthenticationWithCaCertAndKeyReads() {
        try (Scaler scaler = scaler(map(), map("tls", "enable", "ca", AUTHORITY.caCertificate(), "cert",
                CLIENT.certificate(), "key", CLIENT.key()))) {
            assertThat(value(scaler)).isEqualTo(server.cliLong("LLEN", "tls-jobs")).isEqualTo(3);
        }
    }

    @Test
    void unsafeSslTrustsTheServerWithoutTheCa() {
        try (Scaler scaler = scaler(map("enableTLS", "true", "unsafeSsl", "true"), map("cert", CLIENT.certificate(),
                "key", CLIENT.key()))) {
            assertThat(value(scaler)).isEqualTo(3);
        }
    }

    @Test
    void aServerCertificateNobodyTrustsFailsTheBuild() {
        assertThatThrownBy(() -> scaler(map("enableTLS", "true"), map("cert", CLIENT.certificate(), "key", CLIENT.key())))
                .isInstanceOf(ScalerException.class).hasMessageStartingWith("trigger[0] (redis): connection to redis failed: ");
        assertThat(connections.size()).isZero();
    }

    @Test
    void withoutAClientCertificateTheServerRefusesTheConnection() {
        assertThatThrownBy(() -> scaler(map("enableTLS", "true"), map("ca", AUTHORITY.caCertificate())))
                .isInstanceOf(ScalerException.class).hasMessageStartingWith("trigger[0] (redis): connection to redis failed: ")
                .hasMessageNotContaining("BEGIN");
    }

    @Test
    void tlsToAPlainPortFailsTheBuild() {
        assertThatThrownBy(() -> scaler(map("enableTLS", "true", "unsafeSsl", "true", "address", server.address()), map()))
                .isInstanceOf(ScalerException.class);
    }
}
