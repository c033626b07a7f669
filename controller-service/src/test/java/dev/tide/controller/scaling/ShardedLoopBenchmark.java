package dev.tide.controller.scaling;

import ch.qos.logback.classic.Level;
import dev.tide.controller.LoopBenchmarkSupport;
import dev.tide.controller.kube.ObjectKey;
import dev.tide.controller.sharding.MemberView;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * The sharded benchmark behind BENCHMARKS.md ("Sharded: 3 replicas"). Not a test: run it with the command given there.
 *
 * <p>This JVM runs one fabric8 mock API server (CRUD mode) and starts the replicas as child JVMs ({@link ShardReplica},
 * the same java and classpath, each with its own {@code -Xmx}). Every replica registers every object and drives the
 * share its member Lease gives it, at pollingInterval 30 s; only Lease traffic reaches the API server. After a settling
 * interval it measures a window, then (with more than one replica) kills one and times how long the survivors take to
 * drive every object, checking every 100 ms that no object is driven by two of them.
 *
 * <p>Arguments: {@code sharded [objects] [seconds] [xmx]} (3 replicas sharing 300,000 by default) or
 * {@code share [objects] [seconds] [xmx]} (one replica with 100,000: the single-replica figure for one share) or
 * {@code member [objects] [seconds] [xmx]} (one replica with 300,000 beside two {@link SimulatedMembers}: a replica of
 * the sharded installation with the machine's cores to itself, as in a cluster; then one simulated member is lost).
 */
public final class ShardedLoopBenchmark {

    /** The controller's defaults ({@code ShardingProperties}). */
    static final Duration LEASE = Duration.ofSeconds(15);
    static final Duration RENEW_DEADLINE = Duration.ofSeconds(10);
    static final Duration RENEW_PERIOD = Duration.ofSeconds(2);
    /** Every driven loop has had its first (spread) pass before the window opens. */
    static final Duration SETTLE = Duration.ofSeconds(ShardReplica.POLLING_SECONDS + 5);

    /** Held, so that the level set on it stays (java.util.logging keeps loggers weakly). */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    /** One child JVM: its process, its commands, its machine-readable lines. */
    record Child(String identity, Process process, PrintWriter commands, BlockingQueue<Map<String, String>> lines, Path bitmap) {

        void send(String command) {
            commands.println(command);
            commands.flush();
        }

        Map<String, String> await(String event, Duration timeout) {
            try {
                long end = System.nanoTime() + timeout.toNanos();
                while (System.nanoTime() < end) {
                    Map<String, String> line = lines.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (line != null && event.equals(line.get("event"))) {
                        return line;
                    }
                    if (!process.isAlive() && lines.isEmpty()) {
                        break;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException(identity + " did not report " + event + " within " + timeout
                    + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")"));
        }
    }

    public static void main(String[] args) throws IOException {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        // The mock server logs every request (java.util.logging): a Lease renewal every 2 s per replica.
        MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
        String scenario = args.length > 0 ? args[0] : "sharded";
        int replicas = switch (scenario) {
            case "sharded" -> 3;
            case "share", "member" -> 1;
            default -> throw new IllegalArgumentException("scenario: sharded, share or member");
        };
        List<String> simulated = "member".equals(scenario) ? List.of("pod-b", "pod-c") : List.of();
        int count = args.length > 1 ? Integer.parseInt(args[1]) : ("share".equals(scenario) ? 100_000 : 300_000);
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        String xmx = args.length > 3 ? args[3] : "5g";
        System.out.println(LoopBenchmarkSupport.machine());
        System.out.printf("%s: %d replica(s) x -Xmx%s, %d simulated member(s), %d ScaledObjects x 1 trigger at pollingInterval %d s, member Lease %d s,"
                + " renew deadline %d s, renew period %d s, window %d s%n", scenario, replicas, xmx, simulated.size(), count, ShardReplica.POLLING_SECONDS,
                LEASE.toSeconds(), RENEW_DEADLINE.toSeconds(), RENEW_PERIOD.toSeconds(), seconds);

        var server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesMixedDispatcher(new HashMap<>()), false);
        server.init();
        Path dir = Files.createTempDirectory("tide-shards");
        List<Child> children = new ArrayList<>();
        // Before the replica starts, so that its first listing already counts them, as in a running installation.
        SimulatedMembers members = simulated.isEmpty() ? null : new SimulatedMembers(server.url("/"), simulated, LEASE, RENEW_PERIOD);
        try {
            for (int r = 0; r < replicas; r++) {
                children.add(launch("pod-" + (char) ('a' + r), count, server.url("/"), dir, xmx));
            }
            run(children, count, seconds);
            if (children.size() > 1) {
                Migration.measure(children, count);
            } else if (members != null) {
                Migration.afterSimulatedLoss(children.get(0), members, simulated, count);
            }
            children.forEach(child -> child.send("exit"));
        } finally {
            if (members != null) {
                members.close();
            }
            children.forEach(child -> child.process().destroyForcibly());
            server.destroy();
        }
        System.out.println(LoopBenchmarkSupport.loadAtTheEnd());
        System.exit(0);
    }

    private static void run(List<Child> children, int count, int seconds) {
        for (Child child : children) {
            var registered = child.await("registered", Duration.ofMinutes(30));
            System.out.printf("%s: registered %s objects in %s ms, retained heap %s MiB (%s KiB per registered, not yet driven,"
                    + " object)%n", child.identity(), registered.get("registered"), registered.get("millis"), registered.get("heapMiB"),
                    registered.get("kibPerObject"));
        }
        children.forEach(child -> child.send("start"));
        for (Child child : children) {
            var driving = child.await("driving", LEASE.multipliedBy(4));
            System.out.printf("%s: driving %s ms after it joined%n", child.identity(), driving.get("millis"));
        }
        LoopBenchmarkSupport.sleep(SETTLE);
        // The takeover is over only once its series are registered (SeriesAttacher); on shared cores that takes longer.
        children.forEach(child -> child.send("attached"));
        for (Child child : children) {
            var attached = child.await("attached", Duration.ofMinutes(10));
            System.out.printf("%s: series of its loops registered, %s ms after the settling interval%n", child.identity(),
                    attached.get("millis"));
        }
        System.out.printf("window opens, load average %.2f%n", LoopBenchmarkSupport.loadAverage());
        children.forEach(child -> child.send("window"));
        LoopBenchmarkSupport.sleep(Duration.ofSeconds(seconds));
        System.out.printf("window closes, load average %.2f%n", LoopBenchmarkSupport.loadAverage());
        children.forEach(child -> child.send("report"));
        for (Child child : children) {
            var report = child.await("report", Duration.ofMinutes(2));
            System.out.printf("%s: drives %s of %s registered; %s s window: %s passes, %s skipped ticks, CPU %s cores; lag p50 %s /"
                    + " p95 %s / p99 %s / max %s ms (%s passes since it started driving), in the window p50 / p95 / p99 at or under"
                    + " %s / %s / %s ms; %s threads; CPU by thread, cores: %s;"
                    + " allocated by thread, MB/s: %s%n",
                    child.identity(), report.get("driven"), report.get("registered"), seconds,
                    report.get("passes"), report.get("skipped"), report.get("cores"), report.get("p50"), report.get("p95"),
                    report.get("p99"), report.get("max"), report.get("lagCount"), report.get("wp50"), report.get("wp95"),
                    report.get("wp99"),
                    report.get("threads"), report.get("busiest"), report.get("allocating"));
        }
        for (Child child : children) {
            child.send("heap");
            // 4 forced collections: on shared cores, over GBs, they take minutes.
            var heap = child.await("heap", Duration.ofMinutes(10));
            System.out.printf("%s: retained heap %s MiB (%s KiB per registered object)%n", child.identity(), heap.get("heapMiB"),
                    heap.get("kibPerObject"));
        }
    }

    /** Kills one replica and times the takeover of its objects by the others, sampling their driven bitmaps. */
    static final class Migration {

        static void measure(List<Child> children, int count) {
            children.forEach(child -> child.send("watch"));
            // Each replica's first bitmap is written (a sample walks all its loops: seconds at 300,000 on loaded cores).
            children.forEach(child -> child.await("watching", Duration.ofMinutes(2)));
            Map<Child, MappedByteBuffer> bitmaps = new HashMap<>();
            children.forEach(child -> bitmaps.put(child, map(child.bitmap(), count)));
            Sample before = settled(children, bitmaps, count);
            System.out.printf("before the kill: %d objects driven, %d by two replicas, shares %s%n", before.union(), before.doubled(),
                    before.shares());
            Child victim = children.get(1);
            List<Child> survivors = children.stream().filter(child -> child != victim).toList();
            long killed = System.nanoTime();
            victim.process().destroyForcibly();
            int maxDoubled = before.doubled();
            int samples = 0;
            long movedNanos = -1;
            long end = killed + LEASE.multipliedBy(4).toNanos();
            Sample last = before;
            while (System.nanoTime() < end) {
                last = Sample.of(survivors, bitmaps, count);
                samples++;
                maxDoubled = Math.max(maxDoubled, last.doubled());
                if (movedNanos < 0 && last.union() == count) {
                    movedNanos = System.nanoTime() - killed;
                    // Keep sampling a while: the takeover must stay single-driven once complete.
                    end = Math.min(end, System.nanoTime() + Duration.ofSeconds(5).toNanos());
                }
                LoopBenchmarkSupport.sleep(Duration.ofMillis(100));
            }
            System.out.printf("migration: killed %s (destroyForcibly) holding %d objects; %s; %d samples of the survivors every 100 ms,"
                    + " at most %d objects driven by two replicas in any sample (before the kill included); survivors' shares %s%n",
                    victim.identity(), before.shares().getOrDefault(victim.identity(), 0),
                    movedNanos < 0 ? "the survivors did NOT drive all " + count + " objects within " + LEASE.multipliedBy(4).toSeconds() + " s"
                            : String.format("the survivors drove all %d objects %.1f s after the kill (member Lease %d s, renew period %d s)",
                                    count, movedNanos / 1e9, LEASE.toSeconds(), RENEW_PERIOD.toSeconds()),
                    samples, maxDoubled, last.shares());
            for (Child survivor : survivors) {
                survivor.send("report");
                var report = survivor.await("report", Duration.ofMinutes(10));
                // No lag here: the timer also holds the pauses of the forced GCs that measured the heap after the window.
                System.out.printf("%s after the takeover: drives %s, slowest bitmap sample %s ms%n", survivor.identity(),
                        report.get("driven"), report.get("slowestSampleMs"));
            }
        }

        /**
         * One real replica beside simulated members: the first of those stops renewing its Lease, as a replica that
         * crashed. Times how long the real replica takes to drive its share among the members left, and counts the
         * objects it drives that the member still alive owns (there must be none).
         */
        static void afterSimulatedLoss(Child replica, SimulatedMembers members, List<String> simulated, int count) {
            String lost = simulated.get(0);
            List<String> remaining = new ArrayList<>(simulated.subList(1, simulated.size()));
            remaining.add(replica.identity());
            MemberView after = new MemberView(replica.identity(), Instant.MAX, Instant.EPOCH, remaining);
            byte[] expected = new byte[count];
            int expectedCount = 0;
            for (int i = 0; i < count; i++) {
                if (after.decide(new ObjectKey("bench-" + (i % 50), "so-" + i), Instant.EPOCH).drives()) {
                    expected[i] = 1;
                    expectedCount++;
                }
            }
            replica.send("watch");
            replica.await("watching", Duration.ofMinutes(2));
            MappedByteBuffer bitmap = map(replica.bitmap(), count);
            byte[] driven = new byte[count];
            bitmap.get(0, driven);
            int before = 0;
            for (byte d : driven) {
                before += d;
            }
            long lostAt = System.nanoTime();
            members.lose(lost);
            long movedNanos = -1;
            int maxForeign = 0;
            int samples = 0;
            long end = lostAt + LEASE.multipliedBy(4).toNanos();
            while (System.nanoTime() < end && movedNanos < 0) {
                bitmap.get(0, driven);
                samples++;
                int missing = 0;
                int foreign = 0;
                for (int i = 0; i < count; i++) {
                    missing += expected[i] == 1 && driven[i] == 0 ? 1 : 0;
                    foreign += expected[i] == 0 && driven[i] == 1 ? 1 : 0;
                }
                maxForeign = Math.max(maxForeign, foreign);
                if (missing == 0) {
                    movedNanos = System.nanoTime() - lostAt;
                }
                LoopBenchmarkSupport.sleep(Duration.ofMillis(100));
            }
            System.out.printf("migration: simulated member %s stopped renewing; %s drove %d objects before, its share of %s is %d;"
                    + " %s; %d samples every 100 ms, at most %d objects of the live member driven in any sample%n", lost,
                    replica.identity(), before, remaining, expectedCount,
                    movedNanos < 0 ? "it did NOT drive them within " + LEASE.multipliedBy(4).toSeconds() + " s"
                            : String.format("it drove them all %.1f s after the member stopped renewing (member Lease %d s, renew period %d s)",
                                    movedNanos / 1e9, LEASE.toSeconds(), RENEW_PERIOD.toSeconds()),
                    samples, maxForeign);
        }

        /**
         * Waits until every object has had exactly one driver for a whole lease duration: the forced GCs that measured
         * the heap can stall a replica's renewals past its Lease on loaded cores, and the others then take its objects
         * for a while. The kill must find the shares settled.
         */
        private static Sample settled(List<Child> children, Map<Child, MappedByteBuffer> bitmaps, int count) {
            long started = System.nanoTime();
            long stableSince = -1;
            int maxDoubled = 0;
            while (System.nanoTime() - started < Duration.ofMinutes(3).toNanos()) {
                Sample sample = Sample.of(children, bitmaps, count);
                maxDoubled = Math.max(maxDoubled, sample.doubled());
                boolean single = sample.union() == count && sample.doubled() == 0;
                stableSince = single ? (stableSince < 0 ? System.nanoTime() : stableSince) : -1;
                if (single && System.nanoTime() - stableSince >= LEASE.toNanos()) {
                    System.out.printf("settled after %.1f s of sampling: every object single-driven for %d s; at most %d objects driven"
                            + " by two replicas while settling%n", (System.nanoTime() - started) / 1e9, LEASE.toSeconds(), maxDoubled);
                    return sample;
                }
                LoopBenchmarkSupport.sleep(Duration.ofMillis(100));
            }
            throw new IllegalStateException("the shards did not settle within 3 minutes");
        }

    }

    /** One sample of the driven bitmaps: how many objects some replica drives, how many two do, each replica's count. */
    record Sample(int union, int doubled, Map<String, Integer> shares) {

        static Sample of(List<Child> children, Map<Child, MappedByteBuffer> bitmaps, int count) {
            byte[] drivers = new byte[count];
            Map<String, Integer> shares = new java.util.TreeMap<>();
            byte[] bytes = new byte[count];
            for (Child child : children) {
                bitmaps.get(child).get(0, bytes);
                int share = 0;
                for (int i = 0; i < count; i++) {
                    drivers[i] += bytes[i];
                    share += bytes[i];
                }
                shares.put(child.identity(), share);
            }
            int union = 0;
            int doubled = 0;
            for (byte d : drivers) {
                union += d > 0 ? 1 : 0;
                doubled += d > 1 ? 1 : 0;
            }
            return new Sample(union, doubled, shares);
        }
    }

    /** One byte per object, shared between the replica that writes it and the coordinator that reads it. */
    static MappedByteBuffer map(Path file, int count) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE)) {
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts one replica JVM with this JVM's java and classpath, forwarding its log lines and collecting its figures. */
    private static Child launch(String identity, int count, String url, Path dir, String xmx) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path bitmap = dir.resolve(identity + ".driven");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + xmx));
        // The replicas run with the coordinator's -XX and -Xlog options, so the collector chosen on the command line
        // (-XX:+UseShenandoahGC, as the chart sets it) is the one the replicas are measured with; %p in a log file
        // name keeps their logs apart.
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.startsWith("-XX:") || option.startsWith("-Xlog:")).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ShardReplica.class.getName(), identity,
                Integer.toString(count), url, bitmap.toString(), LEASE.toString(), RENEW_DEADLINE.toString(),
                RENEW_PERIOD.toString()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BlockingQueue<Map<String, String>> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> read(identity, process, lines), "read-" + identity);
        reader.setDaemon(true);
        reader.start();
        return new Child(identity, process, new PrintWriter(process.getOutputStream(), false, StandardCharsets.UTF_8), lines, bitmap);
    }

    private static void read(String identity, Process process, BlockingQueue<Map<String, String>> lines) {
        try (var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(ShardReplica.PREFIX + " ")) {
                    Map<String, String> values = new HashMap<>();
                    for (String pair : line.substring(ShardReplica.PREFIX.length() + 1).split(" ")) {
                        int eq = pair.indexOf('=');
                        values.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                    lines.add(values);
                } else {
                    System.out.println("  [" + identity + "] " + line);
                }
            }
        } catch (IOException e) {
            // The replica was killed: its output ends here.
        }
    }

    private ShardedLoopBenchmark() {
    }
}
