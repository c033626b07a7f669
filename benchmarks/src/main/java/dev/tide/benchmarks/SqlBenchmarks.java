package dev.tide.benchmarks;

import dev.tide.scaler.api.ScaledObjectRef;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.sql.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntToDoubleFunction;

/**
 * The postgresql figures of BENCHMARKS.md (issue 20): N {@code postgresql} triggers (different ScaledObjects, one
 * database and credential) on one real PostgreSQL 15 (the scaler tests' {@link PostgresServer}), sampled in ticks by a
 * pool of threads as large as the host's bulkhead for one source (16), against a baseline in the same run: a plain
 * JDBC connection per trigger, opened when the trigger is built and kept, which is what KEDA's {@code sql.DB} per
 * trigger keeps open. Per mode: the sampling round trip of every measured sample (p50 / p90 / p99 / max), the wall
 * time of a tick, and the peak of client connections PostgreSQL shows in {@code pg_stat_activity} while the triggers
 * are built and sampled. The two modes run one after the other, each starting with no connection open. Arguments: {@code [triggers] [ticks]}, default 1000 10. Results go to
 * stdout and {@code target/sql-benchmarks.md}.
 */
public final class SqlBenchmarks {

    private static final int THREADS = 16;
    private static final int JOBS = 250;
    private static final String QUERY = "SELECT count(*) FROM jobs";

    private final PostgresServer server = PostgresServer.shared();
    private final ScalerFactory postgresql = ServiceLoader.load(ScalerFactory.class).stream()
            .map(ServiceLoader.Provider::get).filter(f -> f.type().equals("postgresql")).findFirst().orElseThrow();
    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    private final StringBuilder report = new StringBuilder();

    public static void main(String[] args) throws Exception {
        int triggers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int ticks = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        SqlBenchmarks bench = new SqlBenchmarks();
        bench.server.execute("DELETE FROM jobs", "INSERT INTO jobs (state) SELECT 'queued' FROM generate_series(1, " + JOBS + ")");
        bench.line("# PostgreSQL scaler benchmarks (" + triggers + " triggers, " + ticks + " ticks, " + THREADS + " sampling threads)");
        bench.line("");
        bench.line("machine: " + Machine.describe() + "; load average " + Machine.loadAverage() + " at start");
        bench.line("");
        bench.line("| mode | sample p50 ms | p90 ms | p99 ms | max ms | tick wall time p50 ms | build all s | connections to PostgreSQL, peak (pg_stat_activity) |");
        bench.line("|---|---|---|---|---|---|---|---|");
        Result tide = bench.measure("Tide: `Scaler.sample()`, one HikariCP pool for all triggers", () -> bench.tide(triggers), ticks);
        Result plain = bench.measure("baseline: a plain JDBC connection per trigger", () -> bench.plain(triggers), ticks);
        bench.line("");
        bench.line(String.format(Locale.ROOT, "ratio baseline / Tide: sample p50 %.2f, p99 %.2f; connections %.0f",
                plain.p50() / tide.p50(), plain.p99() / tide.p99(), (double) plain.connections() / tide.connections()));
        bench.line("");
        bench.line("load average " + Machine.loadAverage() + " at the end");
        Path out = Path.of("target", "sql-benchmarks.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, bench.report);
        System.exit(0);
    }

    /** N triggers built one way: what one sample of trigger i reads, and how to release them all. */
    private record Triggers(int count, IntToDoubleFunction sample, AutoCloseable resources) {
    }

    private record Result(double p50, double p99, long connections) {
    }

    private interface Build {
        Triggers build() throws SQLException;
    }

    private Triggers tide(int triggers) {
        List<Scaler> scalers = new ArrayList<>(triggers);
        for (int i = 0; i < triggers; i++) {
            scalers.add(postgresql.create(TriggerConfig.builder("postgresql").scaledObject(ScaledObjectRef.scaledObject("bench", "so-" + i))
                    .metadata(Map.of("query", QUERY, "targetQueryValue", "10", "host", "127.0.0.1", "port", Integer.toString(server.port()),
                            "userName", PostgresServer.USER, "dbName", PostgresServer.DATABASE, "sslmode", "disable"))
                    .authParams(Map.of("password", PostgresServer.PASSWORD)).timeout(Duration.ofSeconds(30)).build()));
        }
        String metric = scalers.get(0).metricSpecs().get(0).metricName();
        return new Triggers(triggers, i -> scalers.get(i).sample(metric).values().get(0).value().toDouble(),
                () -> scalers.forEach(Scaler::close));
    }

    private Triggers plain(int triggers) throws SQLException {
        List<Connection> connections = new ArrayList<>(triggers);
        for (int i = 0; i < triggers; i++) {
            connections.add(DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/" + PostgresServer.DATABASE
                    + "?sslmode=disable", PostgresServer.USER, PostgresServer.PASSWORD));
        }
        return new Triggers(triggers, i -> {
            try (Statement statement = connections.get(i).createStatement(); ResultSet result = statement.executeQuery(QUERY)) {
                result.next();
                return result.getDouble(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, () -> {
            for (Connection connection : connections) {
                connection.close();
            }
        });
    }

    /**
     * Builds the triggers, samples them in one warm-up tick and {@code ticks} measured ones, and reports a row; a
     * thread polls {@code pg_stat_activity} every 20 ms meanwhile for the peak of open connections.
     */
    private Result measure(String name, Build build, int ticks) throws Exception {
        java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                peak.accumulateAndGet(openConnections(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.start();
        long buildStart = System.nanoTime();
        Triggers triggers = build.build();
        double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
        tick(triggers);
        long[] samples = new long[ticks * triggers.count()];
        long[] walls = new long[ticks];
        for (int t = 0; t < ticks; t++) {
            long start = System.nanoTime();
            long[] round = tick(triggers);
            walls[t] = System.nanoTime() - start;
            System.arraycopy(round, 0, samples, t * round.length, round.length);
        }
        watching.set(false);
        watcher.join();
        triggers.resources().close();
        Arrays.sort(samples);
        Arrays.sort(walls);
        line(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.0f | %.1f | %,d |", name, rank(samples, 0.5),
                rank(samples, 0.9), rank(samples, 0.99), samples[samples.length - 1] / 1e6, rank(walls, 0.5), buildSeconds, peak.get()));
        return new Result(rank(samples, 0.5), rank(samples, 0.99), peak.get());
    }

    /** Samples every trigger once on the thread pool; the round trip of each, in nanoseconds. */
    private long[] tick(Triggers triggers) throws Exception {
        long[] nanos = new long[triggers.count()];
        List<Future<?>> done = new ArrayList<>(triggers.count());
        for (int i = 0; i < triggers.count(); i++) {
            int trigger = i;
            done.add(threads.submit(() -> {
                long start = System.nanoTime();
                double value = triggers.sample().applyAsDouble(trigger);
                nanos[trigger] = System.nanoTime() - start;
                if (value != JOBS) {
                    throw new IllegalStateException("trigger " + trigger + " read " + value + ", PostgreSQL counts " + JOBS);
                }
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        return nanos;
    }

    private static double rank(long[] sorted, double quantile) {
        return sorted[(int) Math.ceil(quantile * sorted.length) - 1] / 1e6;
    }

    /** Client connections open to the database now, less the one asking. */
    private long openConnections() {
        return server.count("SELECT count(*) FROM pg_stat_activity WHERE datname = '" + PostgresServer.DATABASE
                + "' AND backend_type = 'client backend'") - 1;
    }

    private void line(String text) {
        System.out.println(text);
        report.append(text).append('\n');
    }
}
