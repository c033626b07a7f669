package dev.tide.benchmarks;

import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerConfig;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The three Kafka figures of BENCHMARKS.md, each against a baseline measured in the same run and on the same
 * in-JVM KRaft broker:
 *
 * <ol>
 *   <li>one lag read of 1 group x N partitions, warm: Tide's {@code sample()} against a plain AdminClient round
 *       (describeTopics + listConsumerGroupOffsets + listOffsets);</li>
 *   <li>one tick of T triggers with distinct groups on one cluster: broker requests (counted by the broker itself,
 *       from its {@code kafka.network:type=RequestMetrics} MBeans) and wall time, Tide's shared and batched client
 *       against one AdminClient per trigger doing KEDA's three calls;</li>
 *   <li>heap retained per trigger with T triggers alive, for both.</li>
 * </ol>
 *
 * Arguments: {@code [triggers] [partitions]}, default 1000 1000. Results go to stdout and
 * {@code target/kafka-benchmarks.md}.
 */
public final class KafkaBenchmarks {

    private static final String BIG_TOPIC = "bench-partitions";
    private static final String SHARED_TOPIC = "bench-shared";
    private static final int SHARED_PARTITIONS = 10;
    /** The scale loop's bounded executor: triggers due in one tick are sampled by this many threads. */
    private static final int LOOP_THREADS = 64;
    private static final int WARMUP = 20;
    private static final int SAMPLES = 100;
    /** Request types a lag read may send; broker-internal traffic (heartbeats, raft) is left out. */
    private static final List<String> CLIENT_REQUESTS = List.of("Metadata", "FindCoordinator", "OffsetFetch",
            "ListOffsets", "ApiVersions", "DescribeTopicPartitions", "DescribeCluster");

    private final String bootstrap;
    private final Admin admin;
    private final ScalerFactory kafka = ServiceLoader.load(ScalerFactory.class).stream()
            .map(ServiceLoader.Provider::get).filter(f -> f.type().equals("kafka")).findFirst().orElseThrow();
    private final StringBuilder report = new StringBuilder();

    private KafkaBenchmarks(String bootstrap) {
        this.bootstrap = bootstrap;
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
    }

    public static void main(String[] args) throws Exception {
        int triggers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        try {
            KafkaBenchmarks bench = new KafkaBenchmarks(broker.getBrokersAsString());
            bench.line("# Kafka benchmarks (" + triggers + " triggers, " + partitions + " partitions)");
            bench.line("");
            bench.line("machine: " + Machine.describe() + "; load average " + Machine.loadAverage() + " at start");
            bench.line("");
            bench.lagRound(partitions);
            bench.manyTriggers(triggers);
            bench.line("load average " + Machine.loadAverage() + " at the end");
            bench.admin.close();
            Path out = Path.of("target", "kafka-benchmarks.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, bench.report);
        } finally {
            broker.destroy();
        }
        System.exit(0);
    }

    // ---- 1. one lag round, 1 group x N partitions -------------------------------------------------------------

    private void lagRound(int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(BIG_TOPIC, partitions, (short) 1))).all().get();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "linger.ms", 20), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int p = 0; p < partitions; p++) {
                for (int i = 0; i < 3; i++) {
                    producer.send(new ProducerRecord<>(BIG_TOPIC, p, null, new byte[8]));
                }
            }
        }
        // Half the partitions committed, as in the toolchain measurement.
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        for (int p = 0; p < partitions; p += 2) {
            commits.put(new TopicPartition(BIG_TOPIC, p), new OffsetAndMetadata(1));
        }
        admin.alterConsumerGroupOffsets("bench-big", commits).all().get();

        Scaler scaler = kafka.create(TriggerConfig.of("kafka", 0, Map.of("bootstrapServers", bootstrap,
                "consumerGroup", "bench-big", "topic", BIG_TOPIC, "allowIdleConsumers", "true")));
        String metric = scaler.metricSpecs().get(0).metricName();
        double tideLag = scaler.sample(metric).values().get(0).value().toDouble();
        long baselineLag = plainAdminLag(admin, "bench-big", BIG_TOPIC);
        if (tideLag != baselineLag) {
            throw new IllegalStateException("Tide and the baseline disagree: " + tideLag + " vs " + baselineLag);
        }
        Stats[] timed = timeInterleaved(() -> {
            scaler.sample(metric);
            return 0L;
        }, () -> plainAdminLag(admin, "bench-big", BIG_TOPIC));
        Stats tide = timed[0];
        Stats plain = timed[1];
        scaler.close();
        line("## 1. One lag read, 1 group x " + partitions + " partitions, warm (lag " + baselineLag + ")");
        line("");
        line("| what | median ms | p90 ms | max ms |");
        line("|---|---|---|---|");
        line(tide.row("Tide `sample()` (cached metadata; an idle cluster starts its round at once)"));
        line(plain.row("baseline: plain AdminClient describeTopics + listConsumerGroupOffsets + listOffsets"));
        line("");
        line(String.format("ratio baseline/Tide (median): %.2f", plain.median() / tide.median()));
        line("");
    }

    /** KEDA's three calls with one AdminClient: describe the topic, read the group's commits and the end offsets. */
    private static long plainAdminLag(Admin client, String group, String topic) throws Exception {
        TopicDescription description = client.describeTopics(List.of(topic)).topicNameValues().get(topic).get();
        Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
        description.partitions()
                .forEach(p -> wanted.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        var committedFuture = client.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata();
        var endsFuture = client.listOffsets(wanted).all();
        Map<TopicPartition, OffsetAndMetadata> committed = committedFuture.get();
        long lag = 0;
        for (var end : endsFuture.get().entrySet()) {
            OffsetAndMetadata offset = committed.get(end.getKey());
            lag += offset == null ? 1 : end.getValue().offset() - offset.offset();
        }
        return lag;
    }

    // ---- 2 and 3. many triggers on one cluster -----------------------------------------------------------------

    private void manyTriggers(int triggers) throws Exception {
        admin.createTopics(List.of(new NewTopic(SHARED_TOPIC, SHARED_PARTITIONS, (short) 1))).all().get();
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        for (int p = 0; p < SHARED_PARTITIONS; p++) {
            commits.put(new TopicPartition(SHARED_TOPIC, p), new OffsetAndMetadata(0));
        }
        ExecutorService loop = Executors.newFixedThreadPool(LOOP_THREADS);
        List<Callable<Object>> setup = new ArrayList<>();
        for (int i = 0; i < triggers; i++) {
            String group = "bench-g" + i;
            setup.add(() -> admin.alterConsumerGroupOffsets(group, commits).all().get());
        }
        for (Future<Object> f : loop.invokeAll(setup)) {
            f.get();
        }

        // Tide: every trigger through the real factory, sharing one client.
        long heapBefore = Machine.usedHeapAfterGc();
        long rssBefore = Machine.residentBytes();
        int threadsBefore = Thread.activeCount();
        List<Scaler> scalers = new ArrayList<>();
        for (int i = 0; i < triggers; i++) {
            scalers.add(kafka.create(TriggerConfig.of("kafka", 0, Map.of("bootstrapServers", bootstrap,
                    "consumerGroup", "bench-g" + i, "topic", SHARED_TOPIC))));
        }
        List<Callable<Object>> tideTick = scalers.stream()
                .<Callable<Object>>map(s -> () -> s.sample(s.metricSpecs().get(0).metricName())).toList();
        runTick(loop, tideTick); // warm-up tick: connections, coordinator, metadata cache
        Tick tide = measureTick(loop, tideTick);
        long tideHeap = Machine.usedHeapAfterGc() - heapBefore;
        long tideRss = Machine.residentBytes() - rssBefore;
        int tideThreads = Thread.activeCount() - threadsBefore;
        scalers.forEach(Scaler::close);

        // Baseline: one AdminClient per trigger, each doing KEDA's calls for its own group.
        heapBefore = Machine.usedHeapAfterGc();
        rssBefore = Machine.residentBytes();
        threadsBefore = Thread.activeCount();
        List<Admin> clients = new ArrayList<>();
        for (int i = 0; i < triggers; i++) {
            clients.add(Admin.create(Map.of("bootstrap.servers", bootstrap, "client.id", "keda-like-" + i)));
        }
        List<Callable<Object>> baselineTick = new ArrayList<>();
        for (int i = 0; i < triggers; i++) {
            Admin client = clients.get(i);
            String group = "bench-g" + i;
            baselineTick.add(() -> plainAdminLag(client, group, SHARED_TOPIC));
        }
        runTick(loop, baselineTick);
        Tick baseline = measureTick(loop, baselineTick);
        long baselineHeap = Machine.usedHeapAfterGc() - heapBefore;
        long baselineRss = Machine.residentBytes() - rssBefore;
        int baselineThreads = Thread.activeCount() - threadsBefore;
        List<Callable<Object>> closing = clients.stream()
                .<Callable<Object>>map(c -> () -> {
                    c.close(Duration.ZERO);
                    return null;
                }).toList();
        loop.invokeAll(closing);
        loop.shutdown();

        line("## 2. One tick of " + triggers + " triggers, distinct groups, one cluster (" + SHARED_PARTITIONS
                + " partitions each), " + LOOP_THREADS + " loop threads, warm");
        line("");
        line("| what | broker requests | by type | wall ms |");
        line("|---|---|---|---|");
        line("| Tide (one shared client, batched rounds) | " + tide.requests() + " | " + tide.byType() + " | "
                + tide.wallMillis() + " |");
        line("| baseline: one AdminClient per trigger | " + baseline.requests() + " | " + baseline.byType() + " | "
                + baseline.wallMillis() + " |");
        line("");
        line(String.format("requests ratio baseline/Tide: %.1f; wall-time ratio: %.1f",
                (double) baseline.requests() / tide.requests(), (double) baseline.wallMillis() / tide.wallMillis()));
        line("");
        line("## 3. Heap retained per trigger with " + triggers + " triggers alive (after GC)");
        line("");
        line("| what | heap per trigger KiB | threads added | process RSS growth per trigger KiB (indicative) |");
        line("|---|---|---|---|");
        line(String.format("| Tide | %.1f | %d | %.1f |", tideHeap / 1024.0 / triggers, tideThreads,
                tideRss / 1024.0 / triggers));
        line(String.format("| baseline: one AdminClient per trigger | %.1f | %d | %.1f |",
                baselineHeap / 1024.0 / triggers, baselineThreads, baselineRss / 1024.0 / triggers));
        line("");
        line(String.format("heap ratio baseline/Tide: %.1f", (double) baselineHeap / Math.max(1, tideHeap)));
    }

    private record Tick(long requests, Map<String, Long> byTypeCounts, long wallMillis) {
        String byType() {
            return byTypeCounts.entrySet().stream().filter(e -> e.getValue() > 0)
                    .map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("");
        }
    }

    private static Tick measureTick(ExecutorService loop, List<Callable<Object>> tick) throws Exception {
        Map<String, Long> before = brokerRequests();
        long start = System.nanoTime();
        runTick(loop, tick);
        long wall = (System.nanoTime() - start) / 1_000_000;
        Map<String, Long> after = brokerRequests();
        Map<String, Long> delta = new TreeMap<>();
        after.forEach((type, count) -> delta.put(type, count - before.getOrDefault(type, 0L)));
        return new Tick(delta.values().stream().mapToLong(Long::longValue).sum(), delta, wall);
    }

    private static void runTick(ExecutorService loop, List<Callable<Object>> tick) throws Exception {
        for (Future<Object> f : loop.invokeAll(tick)) {
            f.get();
        }
    }

    /** Requests the broker has handled so far, per client request type, from its own metrics. */
    private static Map<String, Long> brokerRequests() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Map<String, Long> counts = new TreeMap<>();
        for (ObjectName name : server.queryNames(
                new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*"), null)) {
            String type = name.getKeyProperty("request");
            if (CLIENT_REQUESTS.contains(type)) {
                counts.merge(type, ((Number) server.getAttribute(name, "Count")).longValue(), Long::sum);
            }
        }
        if (counts.isEmpty()) {
            throw new IllegalStateException("the broker exposes no kafka.network RequestMetrics MBeans");
        }
        return counts;
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private record Stats(double median, double p90, double max) {
        static Stats of(double[] millis) {
            Arrays.sort(millis);
            return new Stats(millis[millis.length / 2], millis[(int) (millis.length * 0.9)], millis[millis.length - 1]);
        }

        String row(String what) {
            return String.format("| %s | %.1f | %.1f | %.1f |", what, median, p90, max);
        }
    }

    /**
     * Times {@code first} and {@code second} interleaved, in alternating order, so that a change in what else the
     * cores run falls on both alike: timed one after the other, 100 reads each, the ratio followed the load.
     */
    private static Stats[] timeInterleaved(Callable<Long> first, Callable<Long> second) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            first.call();
            second.call();
        }
        double[] firstMillis = new double[SAMPLES];
        double[] secondMillis = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            if (i % 2 == 0) {
                firstMillis[i] = millis(first);
                secondMillis[i] = millis(second);
            } else {
                secondMillis[i] = millis(second);
                firstMillis[i] = millis(first);
            }
        }
        return new Stats[] {Stats.of(firstMillis), Stats.of(secondMillis)};
    }

    private static double millis(Callable<Long> call) throws Exception {
        long start = System.nanoTime();
        call.call();
        return (System.nanoTime() - start) / 1e6;
    }

    private void line(String text) {
        System.out.println(text);
        report.append(text).append('\n');
    }
}
