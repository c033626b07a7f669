package dev.tide.scaler.redis;

import static dev.tide.scaler.redis.RedisTriggers.config;
import static dev.tide.scaler.redis.RedisTriggers.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.redis.testing.RedisServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A server with {@code requirepass}: the right password reads, a wrong one fails clearly and never shows itself. */
class RedisPasswordIT {

    private static final String PASSWORD = "tide-redis-right-0b5e";
    private static final String CANARY = "tide-canary-7f3c9a2e-wrong";

    private static RedisServer server;
    private final RedisConnections connections = new RedisConnections();

    @BeforeAll
    static void startServer() {
        server = RedisServer.start(Optional.of(PASSWORD));
        server.cli("RPUSH", "tide-secured", "a", "b", "c", "d");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"redis", "redis-streams"})
    void theRightPasswordFromTheTriggerAuthenticationReads(String type) {
        RedisFamilyFactory factory = RedisTriggers.factory(Topology.STANDALONE, type.endsWith("streams"), connections);
        TriggerConfig trigger = config(type, map("address", server.address(), "listName", "tide-secured", "stream",
                "tide-secured-stream"), Map.of("password", PASSWORD));

        try (Scaler scaler = factory.create(trigger)) {
            assertThat(scaler.sample(scaler.metricSpecs().get(0).metricName()).values().get(0).value().millis())
                    .isEqualTo(type.equals("redis") ? 4000 : 0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"redis", "redis-streams"})
    void aWrongPasswordIsReportedWithoutThePassword(String type) {
        RedisFamilyFactory factory = RedisTriggers.factory(Topology.STANDALONE, type.endsWith("streams"), connections);
        TriggerConfig trigger = TriggerConfig.builder(type)
                .metadata(map("address", server.address(), "listName", "tide-secured", "stream", "s",
                        "passwordFromEnv", "REDIS_PASSWORD"))
                .resolvedEnv(Map.of("REDIS_PASSWORD", CANARY)).build();
        PrintStream originalErr = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        Throwable failure;
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            failure = catchThrowable(() -> factory.create(trigger));
        } finally {
            System.setErr(originalErr);
        }

        assertThat(failure).isInstanceOf(ScalerException.class)
                .hasMessageStartingWith("trigger[0] (" + type + "): connection to redis failed: ")
                .hasMessageContaining("WRONGPASS");
        assertThat(failure.getMessage()).doesNotContain(CANARY);
        assertThat(String.valueOf(failure)).doesNotContain(CANARY);
        assertThat(logged.toString(StandardCharsets.UTF_8)).doesNotContain(CANARY);
        assertThat(trigger.toString()).doesNotContain(CANARY);
        assertThat(connections.size()).isZero();
    }
}
