package dev.tide.scaler.kafka;

import static dev.tide.scaler.kafka.EmbeddedKafka.offsets;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.TriggerConfig;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.tools.consumer.group.ConsumerGroupLagOracle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The scaler against a real KRaft broker in the test JVM, started once for the class. Lag is checked against
 * Kafka's own {@code kafka-consumer-groups.sh --describe} run in-JVM ({@link ConsumerGroupLagOracle}).
 */
class KafkaScalerIT {

    private static EmbeddedKafka kafka;
    private static KafkaScalerFactory factory;

    /** A clock the metadata-cache test moves by hand. */
    private static final class ManualClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

        void advance(Duration duration) {
            now.updateAndGet(instant -> instant.plus(duration));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = new EmbeddedKafka();
        factory = new KafkaScalerFactory();
        // orders: end offsets 10,20,30,40; group "oracle" committed 5 everywhere -> lags 5,15,25,35.
        kafka.createTopic("orders", 4);
        kafka.produce("orders", 10, 20, 30, 40);
        kafka.commit("oracle", offsets("orders", 5, 5, 5, 5));
        // fresh: end offsets 10,10,10; group "fresh-g" committed partition 0 only, at 4.
        kafka.createTopic("fresh", 3);
        kafka.produce("fresh", 10, 10, 10);
        kafka.commit("fresh-g", offsets("fresh", 4));
        // "multi" committed to two topics: orders 10 everywhere, fresh-0 at 0.
        Map<TopicPartition, Long> multi = new HashMap<>(offsets("orders", 10, 10, 10, 10));
        multi.putAll(offsets("fresh", 0));
        kafka.commit("multi", multi);
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    private static Scaler scaler(KafkaScalerFactory from, String... pairs) {
        Map<String, String> metadata = new HashMap<>(Map.of("bootstrapServers", kafka.bootstrapServers()));
        for (int i = 0; i < pairs.length; i += 2) {
            metadata.put(pairs[i], pairs[i + 1]);
        }
        return from.create(TriggerConfig.of("kafka", 0, metadata));
    }

    private static long value(Scaler scaler, ScalerSample sample) {
        assertThat(sample.values()).singleElement()
                .satisfies(v -> assertThat(v.metricName()).isEqualTo(scaler.metricSpecs().get(0).metricName()));
        return sample.values().get(0).value().millis() / 1000;
    }

    private static ScalerSample sample(Scaler scaler) {
        return scaler.sample(scaler.metricSpecs().get(0).metricName());
    }

    @Test
    void lagEqualsWhatKafkaConsumerGroupToolReports() throws Exception {
        Map<TopicPartition, Long> oracle = ConsumerGroupLagOracle.describe(kafka.bootstrapServers(), "oracle");
        assertThat(oracle).hasSize(4);
        long oracleTotal = oracle.values().stream().mapToLong(Long::longValue).sum();
        try (Scaler uncapped = scaler(factory, "consumerGroup", "oracle", "topic", "orders",
                "allowIdleConsumers", "true");
                Scaler capped = scaler(factory, "consumerGroup", "oracle", "topic", "orders")) {
            assertThat(value(uncapped, sample(uncapped))).isEqualTo(oracleTotal).isEqualTo(80);
            List<PartitionReading> readings = ((KafkaScaler) uncapped).cluster()
                    .read(new LagQuery("oracle", java.util.Optional.of("orders"), List.of(), Duration.ofSeconds(3)));
            Map<TopicPartition, Long> perPartition = new HashMap<>();
            readings.forEach(r -> perPartition.put(r.partition(), r.latest() - r.committed()));
            assertThat(perPartition).isEqualTo(oracle);
            // 80 / 10 = 8 replicas wanted, 4 partitions: capped at 4 x lagThreshold.
            assertThat(value(capped, sample(capped))).isEqualTo(40);
        }
    }

    @ParameterizedTest(name = "offsetResetPolicy {0}, scaleToZeroOnInvalidOffset {1} -> lag {2}")
    @CsvSource({"latest, false, 8", "earliest, false, 26", "latest, true, 6", "earliest, true, 6"})
    void countsPartitionsWithoutCommitsByPolicy(String policy, boolean scaleToZero, long lag) {
        try (Scaler scaler = scaler(factory, "consumerGroup", "fresh-g", "topic", "fresh", "allowIdleConsumers",
                "true", "offsetResetPolicy", policy, "scaleToZeroOnInvalidOffset", Boolean.toString(scaleToZero))) {
            assertThat(value(scaler, sample(scaler))).isEqualTo(lag);
        }
    }

    @ParameterizedTest(name = "activationLagThreshold {0} -> active {1}, metric still capped at 15")
    @CsvSource({"20, true", "26, false"})
    void capsTheMetricAtThePartitionCountButActivatesOnTheUncappedLag(long activation, boolean active) {
        try (Scaler scaler = scaler(factory, "consumerGroup", "fresh-g", "topic", "fresh", "offsetResetPolicy",
                "earliest", "lagThreshold", "5", "activationLagThreshold", Long.toString(activation))) {
            ScalerSample sample = sample(scaler);
            assertThat(value(scaler, sample)).isEqualTo(15);
            assertThat(sample.active()).isEqualTo(active);
        }
    }

    @Test
    void excludesPersistentLagFromTheSecondPollUntilTheConsumerMoves() throws Exception {
        kafka.createTopic("stuck", 1);
        kafka.produce("stuck", 10);
        kafka.commit("stuck-g", offsets("stuck", 3));
        try (Scaler scaler = scaler(factory, "consumerGroup", "stuck-g", "topic", "stuck",
                "excludePersistentLag", "true")) {
            ScalerSample first = sample(scaler);
            assertThat(value(scaler, first)).isEqualTo(7);
            ScalerSample second = sample(scaler);
            assertThat(value(scaler, second)).isZero();
            assertThat(second.active()).as("activation still sees the persistent lag").isTrue();
            kafka.commit("stuck-g", offsets("stuck", 5));
            assertThat(value(scaler, sample(scaler))).isEqualTo(5);
        }
    }

    @Test
    void aTopicLessTriggerSumsEveryTopicTheGroupCommittedTo() throws Exception {
        long oracle = ConsumerGroupLagOracle.describe(kafka.bootstrapServers(), "multi").values().stream()
                .mapToLong(Long::longValue).sum();
        try (Scaler scaler = scaler(factory, "consumerGroup", "multi", "allowIdleConsumers", "true")) {
            assertThat(scaler.metricSpecs().get(0).metricName()).isEqualTo("s0-kafka-multi-topics");
            // orders 0+10+20+30 and fresh-0 10 from the tool, plus fresh-1 and fresh-2 at 1 each (no commit, latest).
            assertThat(oracle).isEqualTo(70);
            assertThat(value(scaler, sample(scaler))).isEqualTo(oracle + 2);
        }
    }

    @Test
    void triggersSampledTogetherShareOneClientAndOneRequestRound() throws Exception {
        KafkaScalerFactory lingering = new KafkaScalerFactory(new KafkaClusters.Settings(Duration.ofMillis(500),
                Duration.ofSeconds(30), Clock.systemUTC()));
        try (Scaler oracle = scaler(lingering, "consumerGroup", "oracle", "topic", "orders", "allowIdleConsumers",
                "true");
                Scaler fresh = scaler(lingering, "consumerGroup", "fresh-g", "topic", "fresh", "allowIdleConsumers",
                        "true");
                Scaler multi = scaler(lingering, "consumerGroup", "multi", "allowIdleConsumers", "true")) {
            assertThat(lingering.openClusters()).isEqualTo(1);
            Map<String, Long> before = brokerRequests();
            List<CompletableFuture<Long>> values = List.of(oracle, fresh, multi).stream()
                    .map(s -> CompletableFuture.supplyAsync(() -> value(s, sample(s)))).toList();
            assertThat(values.stream().map(CompletableFuture::join)).containsExactly(80L, 8L, 72L);
            assertThat(((KafkaScaler) oracle).cluster().rounds()).isEqualTo(1);
            Map<String, Long> after = brokerRequests();
            // Counted by the broker: one commit read for the three groups, one end-offset read for 7 partitions.
            assertThat(after.get("OffsetFetch") - before.getOrDefault("OffsetFetch", 0L)).isEqualTo(1);
            assertThat(after.get("ListOffsets") - before.getOrDefault("ListOffsets", 0L)).isEqualTo(1);
        }
        assertThat(lingering.openClusters()).isZero();
    }

    /** Requests the broker has handled, per type, from its own {@code RequestMetrics} MBeans. */
    private static Map<String, Long> brokerRequests() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Map<String, Long> counts = new HashMap<>();
        for (ObjectName name : server.queryNames(
                new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*"), null)) {
            counts.merge(name.getKeyProperty("request"), ((Number) server.getAttribute(name, "Count")).longValue(),
                    Long::sum);
        }
        return counts;
    }

    @Test
    void seesNewPartitionsWhenTheGroupCommitsToThemOrWhenTheCacheAges() throws Exception {
        ManualClock clock = new ManualClock();
        KafkaScalerFactory clocked = new KafkaScalerFactory(new KafkaClusters.Settings(Duration.ofMillis(1),
                Duration.ofSeconds(30), clock));
        kafka.createTopic("growing", 2);
        kafka.produce("growing", 5, 5);
        kafka.commit("grow-g", offsets("growing", 0, 0));
        try (Scaler scaler = scaler(clocked, "consumerGroup", "grow-g", "topic", "growing",
                "allowIdleConsumers", "true")) {
            assertThat(value(scaler, sample(scaler))).isEqualTo(10);
            kafka.addPartitions("growing", 3);
            kafka.produce("growing", 0, 0, 7);
            assertThat(value(scaler, sample(scaler))).as("cached partitions, nothing hints at a change").isEqualTo(10);
            clock.advance(Duration.ofSeconds(31));
            // The aged entry is described again: partition 2 counts 1 (no commit, policy latest).
            assertThat(value(scaler, sample(scaler))).isEqualTo(11);
            kafka.addPartitions("growing", 4);
            kafka.produce("growing", 0, 0, 0, 9);
            kafka.commit("grow-g", Map.of(new TopicPartition("growing", 3), 2L));
            // A commit on a partition the cache does not know reveals the growth at once.
            assertThat(value(scaler, sample(scaler))).isEqualTo(10 + 1 + 7);
        }
    }
}
