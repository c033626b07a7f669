package dev.tide.benchmarks;

import dev.tide.keda.api.KedaApi;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code tide lint} end to end, the way a CI step runs it: N ScaledObjects, each with its Deployment, in N files of a
 * temporary folder, checked by a fresh JVM per run; wall clock from process start to exit. Three ways to start it:
 * plain {@code java -jar}, the wrapper's JVM flags without the class-data archive ({@code -XX:TieredStopAtLevel=1
 * -Xshare:auto}), and {@code bin/tide lint} itself (its archives deleted first, so that the untimed first run is the
 * one after a build, which writes the archive the timed runs start from).
 *
 * <p>Arguments: {@code [objects] [runs] [jar] [wrapper]}, default {@code 100 10 ../tide-lint/target/tide-lint.jar
 * ../bin/tide}. Results go to stdout and {@code target/lint-benchmarks.md}.
 */
public final class LintBenchmark {

    private LintBenchmark() {
    }

    /** One way of starting the linter, and its timings. */
    private record Mode(String name, List<String> command) {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int objects = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path jar = Path.of(args.length > 2 ? args[2] : "../tide-lint/target/tide-lint.jar").toAbsolutePath().normalize();
        Path wrapper = Path.of(args.length > 3 ? args[3] : "../bin/tide").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw -B -pl tide-lint -am package -DskipTests");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path folder = Files.createTempDirectory("tide-lint-bench");
        try {
            generate(folder, objects);
            String expected = objects + " objects checked in " + objects + " files: 0 errors, 0 warnings";
            List<Mode> modes = List.of(
                    new Mode("java -jar", List.of(java, "-jar", jar.toString(), folder.toString())),
                    new Mode("java -XX:TieredStopAtLevel=1 -Xshare:auto -jar", List.of(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                            "-jar", jar.toString(), folder.toString())),
                    new Mode("bin/tide lint (class-data archive)", List.of(wrapper.toString(), "lint", folder.toString())));
            StringBuilder table = new StringBuilder();
            table.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores (nproc), ").append(cpuModel())
                    .append(", ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.vm.version"))
                    .append("\n\n").append(objects).append(" ScaledObjects + ").append(objects).append(" Deployments in ").append(objects)
                    .append(" files; ").append(runs).append(" timed runs per row after one untimed run.\n\n")
                    .append("| how it is started | first (untimed) run | median | min | max | load average before / after |\n")
                    .append("|---|---|---|---|---|---|\n");
            for (Mode mode : modes) {
                if (mode.command().get(0).equals(wrapper.toString())) {
                    deleteArchives(jar);
                }
                double load = load();
                long first = time(mode, expected, wrapper);
                List<Long> times = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    times.add(time(mode, expected, wrapper));
                }
                times.sort(Comparator.naturalOrder());
                table.append(String.format(Locale.ROOT, "| %s | %d ms | **%d ms** | %d ms | %d ms | %.2f / %.2f |%n", mode.name(), first,
                        median(times), times.get(0), times.get(times.size() - 1), load, load()));
            }
            System.out.println(table);
            Path report = Path.of("target", "lint-benchmarks.md");
            Files.createDirectories(report.getParent());
            Files.writeString(report, table, StandardCharsets.UTF_8);
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** Wall clock of one run in milliseconds; fails unless it exits with 0 and says it checked every object. */
    private static long time(Mode mode, String expected, Path wrapper) throws IOException, InterruptedException {
        Path out = Files.createTempFile("tide-lint-bench", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(mode.command()).redirectErrorStream(true).redirectOutput(out.toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().remove("JAVA_OPTS");
            builder.directory(wrapper.getParent().getParent().toFile());
            long start = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(mode.name() + " did not finish within 120 s");
            }
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            String output = Files.readString(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0 || !output.strip().equals(expected)) {
                throw new IllegalStateException(mode.name() + " exited with " + process.exitValue() + ":\n" + output);
            }
            return elapsed;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** One file per application: its Deployment (with requests) and its ScaledObject (a kafka and an azure-queue trigger). */
    static void generate(Path folder, int objects) throws IOException {
        for (int i = 1; i <= objects; i++) {
            String name = String.format(Locale.ROOT, "worker-%03d", i);
            Files.writeString(folder.resolve(name + ".yaml"), """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: %1$s
                      namespace: bench
                    spec:
                      selector:
                        matchLabels:
                          app: %1$s
                      template:
                        metadata:
                          labels:
                            app: %1$s
                        spec:
                          containers:
                            - name: worker
                              image: bench/worker:1.0.0
                              resources:
                                requests:
                                  cpu: 100m
                                  memory: 128Mi
                    ---
                    apiVersion: %2$s
                    kind: %3$s
                    metadata:
                      name: %1$s
                      namespace: bench
                    spec:
                      scaleTargetRef:
                        name: %1$s
                      minReplicaCount: 0
                      maxReplicaCount: 10
                      triggers:
                        - type: kafka
                          name: lag
                          metadata:
                            bootstrapServers: kafka.bench.svc:9092
                            consumerGroup: %1$s
                            topic: %1$s
                            lagThreshold: "50"
                        - type: azure-queue
                          name: queue
                          metadata:
                            queueName: %1$s
                            queueLength: "5"
                            connectionFromEnv: STORAGE_CONNECTION
                    """.formatted(name, KedaApi.API_VERSION, KedaApi.SCALED_OBJECT_KIND), StandardCharsets.UTF_8);
        }
    }

    /** So that the wrapper's first run is the one after a build: it writes the archive the timed runs start from. */
    private static void deleteArchives(Path jar) throws IOException {
        String prefix = jar.getFileName().toString().replaceAll("\\.jar$", "") + "-";
        try (Stream<Path> files = Files.list(jar.getParent())) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.toString().endsWith(".jsa")).toList()) {
                Files.delete(file);
            }
        }
    }

    private static long median(List<Long> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> "\"" + line.substring(line.indexOf(':') + 1).strip() + "\"").orElse("CPU model unknown");
        } catch (IOException e) {
            return "CPU model unknown";
        }
    }
}
