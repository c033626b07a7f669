package dev.tide.controller.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A dead cluster's reconnect lines: one per cluster and message per minute, nothing else touched. */
class RepeatedLogThrottleTest {

    final AtomicLong now = new AtomicLong();
    final RepeatedLogThrottle throttle = new RepeatedLogThrottle("org.apache.kafka", Duration.ofMinutes(1), now::get);
    final LoggerContext context = new LoggerContext();
    final Logger kafka = context.getLogger("org.apache.kafka.clients.admin.internals.AdminMetadataManager");

    FilterReply log(Logger logger, String format) {
        return throttle.decide(null, logger, Level.INFO, format, new Object[] {"cluster"}, null);
    }

    @Test
    void aReconnectLineRepeatedManyTimesAMinuteGetsThroughOncePerMinutePerCluster() {
        String clusterA = "[AdminClient clientId=tide-kafka-1] Rebootstrapping with {}";
        String clusterB = "[AdminClient clientId=tide-kafka-2] Rebootstrapping with {}";
        int through = 0;
        for (int i = 0; i < 6_000; i++) {
            now.addAndGet(Duration.ofMillis(10).toNanos());
            through += log(kafka, clusterA) == FilterReply.NEUTRAL ? 1 : 0;
            through += log(kafka, clusterB) == FilterReply.NEUTRAL ? 1 : 0;
        }
        assertThat(through).as("two clusters, 60 s of lines every 10 ms").isEqualTo(2);
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(log(kafka, clusterA)).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void otherLoggersAndDebugLinesAreLeftAlone() {
        Logger tide = context.getLogger("dev.tide.controller.scaling.PassExecutor");
        for (int i = 0; i < 3; i++) {
            assertThat(log(tide, "the same line")).isEqualTo(FilterReply.NEUTRAL);
        }
        kafka.setLevel(Level.DEBUG);
        assertThat(throttle.decide(null, kafka, Level.DEBUG, "x", null, null)).isEqualTo(FilterReply.NEUTRAL);
    }
}
