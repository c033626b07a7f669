package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tide.scaler.redis.testing.RedisServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The redis scalers through the whole controller, against Debian's redis-server with a password given by a
 * TriggerAuthentication: a list's length scales 0 → N → 0, a stream's pending entries scale from 0, a stopped server
 * holds the replicas and serves the fallback, and a wrong password is Ready=False without the password.
 */
class ScalingRedisIT extends ScalingTestSupport {

    private static final String PASSWORD = "tide-scaling-redis-2c41";
    private static final String CANARY = "tide-canary-redis-9e1d57";

    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start(Optional.of(PASSWORD));
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    /** A Secret and a TriggerAuthentication {@code redis-auth} giving {@code password}. */
    private static void applyAuthentication(String ns, String password) {
        applyPasswordAuthentication(ns, "redis-auth", password);
    }

    private static String trigger(String type, String address, String metadata) {
        return """
                - type: %s
                  authenticationRef:
                    name: redis-auth
                  metadata:
                    address: %s
                %s
                """.formatted(type, address, metadata.indent(4).stripTrailing());
    }

    @Test
    void aListsLengthScalesFromZeroToNAndBack() {
        String ns = "redis-list";
        applyAuthentication(ns, PASSWORD);
        applyScaledObject(ns, "worker", 0, 1, "cooldownPeriod: 60", trigger("redis", redis.address(), """
                listName: jobs
                listLength: "5"
                """));
        ReconcilerTestSupport.awaitCondition(ns, "worker", "Ready", "True");
        await().atMost(WAIT).until(() -> conditionReason(ns, "worker", "Active").equals("False/ScalerNotActive"));

        redis.cli(IntStream.range(0, 32).mapToObj(i -> i == 0 ? "RPUSH" : i == 1 ? "jobs" : Integer.toString(i))
                .toArray(String[]::new));
        awaitReplicas(ns, "worker", 1, WAIT);
        await().atMost(WAIT).untilAsserted(() -> assertThat(metricValue(get(metricPath(ns, "worker", "s0-redis-jobs"))))
                .isEqualTo(Long.toString(redis.cliLong("LLEN", "jobs"))));

        redis.cli("DEL", "jobs");
        awaitCooldownToZero(ns, "worker", Duration.ofSeconds(5));
        deleteScaledObject(ns, "worker");
    }

    @Test
    void aStreamsPendingEntriesScaleFromZero() {
        String ns = "redis-streams";
        applyAuthentication(ns, PASSWORD);
        for (int i = 0; i < 12; i++) {
            redis.cli("XADD", "orders", "*", "n", Integer.toString(i));
        }
        redis.cli("XGROUP", "CREATE", "orders", "workers", "0");
        applyScaledObject(ns, "worker", 0, 1, "cooldownPeriod: 60", trigger("redis-streams", redis.address(), """
                stream: orders
                consumerGroup: workers
                pendingEntriesCount: "5"
                """));
        ReconcilerTestSupport.awaitCondition(ns, "worker", "Ready", "True");

        redis.cli("XREADGROUP", "GROUP", "workers", "c1", "COUNT", "12", "STREAMS", "orders", ">");
        awaitReplicas(ns, "worker", 1, WAIT);
        await().atMost(WAIT).untilAsserted(() -> assertThat(metricValue(get(metricPath(ns, "worker",
                "s0-redis-streams-orders")))).isEqualTo("12"));
        deleteScaledObject(ns, "worker");
    }

    @Test
    void aStoppedServerNeverScalesInAndServesTheFallback() {
        String ns = "redis-down";
        try (RedisServer own = RedisServer.start(Optional.of(PASSWORD))) {
            applyAuthentication(ns, PASSWORD);
            own.cli("RPUSH", "jobs", "a", "b", "c", "d", "e", "f", "g", "h");
            applyScaledObject(ns, "worker", 2, 1, """
                    cooldownPeriod: 0
                    fallback:
                      failureThreshold: 2
                      replicas: 3""", trigger("redis", own.address(), "listName: jobs\nlistLength: \"5\""));
            ReconcilerTestSupport.awaitCondition(ns, "worker", "Ready", "True");
            await().atMost(WAIT).until(() -> conditionReason(ns, "worker", "Active").equals("True/ScalerActive"));

            own.stop();
            CLOCK.advance(Duration.ofHours(1));
            await().atMost(WAIT).until(() -> conditionReason(ns, "worker", "Fallback").equals("True/FallbackExists"));
            assertThat(replicas(ns, "worker")).isEqualTo(2);
            assertThat(ReconcilerTestSupport.events(ns)).anySatisfy(event -> {
                assertThat(event.getReason()).isEqualTo("KEDAScalerFailed");
                assertThat(event.getMessage()).startsWith("trigger[0] (redis): error getting list length: ");
            });
            Response fallback = get(metricPath(ns, "worker", "s0-redis-jobs"));
            assertThat(fallback.body()).containsEntry("fallback", true);
            // listLength (5) × fallback replicas (3).
            assertThat(metricValue(fallback)).isEqualTo("15");
            deleteScaledObject(ns, "worker");
        }
    }

    @Test
    void aWrongPasswordIsReadyFalseWithAClearMessageWithoutThePassword() {
        String ns = "redis-wrong-password";
        applyAuthentication(ns, CANARY);
        applyScaledObject(ns, "worker", 1, 1, "", trigger("redis", redis.address(), "listName: jobs"));

        ReconcilerTestSupport.awaitCondition(ns, "worker", "Ready", "False");
        assertThat(ReconcilerTestSupport.condition(ns, "worker", "Ready").orElseThrow().message())
                .contains("trigger[0] (redis)").contains("connection to redis failed").contains("WRONGPASS")
                .doesNotContain(CANARY);
        await().atMost(WAIT).until(() -> !ReconcilerTestSupport.events(ns).isEmpty());
        assertThat(ReconcilerTestSupport.events(ns)).allSatisfy(event -> assertThat(event.getMessage()).doesNotContain(CANARY));
        assertThat(MockCluster.logLines()).noneMatch(line -> line.contains(CANARY));
        assertThat(replicas(ns, "worker")).isEqualTo(1);
        deleteScaledObject(ns, "worker");
    }
}
