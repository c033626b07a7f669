package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tide.controller.ControllableScalerFactory.Source;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Starvation: more than twice as many hanging sources as the sampler pool's core threads (4 in these tests), next to
 * one healthy Kafka ScaledObject on a real broker. The healthy one activates within two polling intervals and keeps
 * its schedule; the hanging ones hold at most one thread each and are refused the rest.
 */
class ScalingStarvationIT extends ScalingTestSupport {

    static final int HANGING = 10;
    static final Duration WINDOW = Duration.ofSeconds(60);

    @Test
    void aHealthyKafkaScaledObjectKeepsItsScheduleWhileTwiceAsManySourcesAsSamplerThreadsHang() throws Exception {
        String ns = "starvation";
        List<Source> hanging = new ArrayList<>();
        for (int i = 0; i < HANGING; i++) {
            Source source = ControllableScalerFactory.source("starve-" + i).value(1);
            deploy(ns, "hang-" + i, 1, "starve-" + i, "");
            hanging.add(source.hang());
        }
        try (TestKafka kafka = TestKafka.start()) {
            kafka.topics("orders");
            applyKafkaScaledObject(ns, kafka.bootstrap, "");
            ReconcilerTestSupport.awaitCondition(ns, "orders", "Ready", "True");
            // Every hanging source has been read and has missed its deadline at least once.
            await().atMost(WAIT).until(() -> hanging.stream().allMatch(s -> s.reads.get() >= 2));

            kafka.produce("orders", 10);
            long start = System.nanoTime();
            awaitReplicas(ns, "orders", 1, Duration.ofSeconds(5));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("0 -> 1 within two polling intervals")
                    .isLessThan(Duration.ofMillis(2_000));

            int before = passes(ns, "orders");
            int hangingReadsBefore = hanging.stream().mapToInt(s -> s.reads.get()).sum();
            await().pollDelay(WINDOW).atMost(WINDOW.plusSeconds(5)).until(() -> true);
            int passes = passes(ns, "orders") - before;
            assertThat(passes).as("passes of the healthy ScaledObject in 60 s at pollingInterval 1 s").isBetween(54, 66);
            // Each hanging source holds one call at a time, each ending at its 2 s deadline.
            int hangingReads = hanging.stream().mapToInt(s -> s.reads.get()).sum() - hangingReadsBefore;
            assertThat(hangingReads).isLessThanOrEqualTo(HANGING * (int) WINDOW.toSeconds() / 2 + HANGING);
            assertThat(get(managementPort, "/actuator/prometheus").body().get("text").toString())
                    .contains("tide_source_calls_in_flight{source=\"tide-test-")
                    .contains("tide_source_calls_overdue{source=\"tide-test-")
                    .contains("tide_scale_loop_pass_duration_seconds_count");
        } finally {
            hanging.forEach(Source::release);
        }
    }
}
