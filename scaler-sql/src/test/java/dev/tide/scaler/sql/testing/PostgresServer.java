package dev.tide.scaler.sql.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * A real PostgreSQL 15 (Debian's {@code postgresql} package) started once per JVM on a free 127.0.0.1 port, with
 * password authentication ({@code scram-sha-256}) for user {@value #USER} and a database {@value #DATABASE} holding
 * a {@code jobs} table. Stopped by a shutdown hook. As root (CI), it runs as the {@code postgres} user, which the
 * package creates, with its data in a fresh folder under {@code /tmp} (the checkout may be under {@code /root}, which
 * that user cannot traverse); otherwise under {@code target/sql}.
 */
public final class PostgresServer {

    public static final String INSTALL = "apt-get install -y --no-install-recommends postgresql";
    public static final String USER = "tide";
    public static final String DATABASE = "jobs";
    /** A distinctive value: tests assert it appears in no message. */
    public static final String PASSWORD = "canary-pg-7f3a9c";

    private static final Path BIN = Path.of(System.getProperty("tide.postgres.bin", "/usr/lib/postgresql/15/bin"));
    private static PostgresServer shared;

    private final Path folder;
    private final int port;
    private Process process;

    private PostgresServer(Path folder, int port) {
        this.folder = folder;
        this.port = port;
    }

    /** The server of this JVM, started on first use with an empty {@code jobs} table. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            LocalProcess.binary(BIN.resolve("postgres"), INSTALL);
            LocalProcess.binary(BIN.resolve("initdb"), INSTALL);
            Path folder = LocalProcess.folder(LocalProcess.root() ? Path.of("/tmp")
                    : Path.of(System.getProperty("tide.sql.work", "target/sql")).toAbsolutePath(), "postgres-");
            PostgresServer server = new PostgresServer(folder, LocalProcess.freePort());
            server.initialize();
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.stop();
                LocalProcess.delete(folder);
            }));
            server.execute("CREATE DATABASE " + DATABASE, "postgres");
            server.execute("CREATE TABLE jobs (id serial PRIMARY KEY, state text NOT NULL DEFAULT 'queued')");
            shared = server;
        }
        return shared;
    }

    private void initialize() {
        try {
            Path passwordFile = Files.writeString(folder.resolve("password"), PASSWORD);
            if (LocalProcess.root()) {
                LocalProcess.run(List.of("chown", "-R", "postgres", folder.toString()), folder.resolve("chown.log"));
            }
            LocalProcess.run(LocalProcess.as("postgres", List.of(BIN.resolve("initdb").toString(), "-D",
                    folder.resolve("data").toString(), "-U", USER, "--pwfile=" + passwordFile, "-A", "scram-sha-256",
                    "--no-sync", "-E", "UTF8", "--locale=C")), folder.resolve("initdb.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server (again, after {@link #stop}) on the same port and data, and waits until it answers. */
    public synchronized void start() {
        process = LocalProcess.start(LocalProcess.as("postgres", List.of(BIN.resolve("postgres").toString(), "-D",
                folder.resolve("data").toString(), "-p", Integer.toString(port), "-k", folder.toString(),
                "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=1200",
                "-c", "shared_buffers=32MB")), folder.resolve("postgres.log"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("postgres exited:\n" + Files.readString(folder.resolve("postgres.log")));
            }
            try (Connection connection = connect("postgres")) {
                return connection.isValid(1);
            }
        });
    }

    /** Stops the server (fast shutdown: sessions are ended), so reads fail until {@link #start}. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            LocalProcess.run(LocalProcess.as("postgres", List.of(BIN.resolve("pg_ctl").toString(), "-D",
                    folder.resolve("data").toString(), "-m", "fast", "-w", "stop")), folder.resolve("pg_ctl.log"));
            LocalProcess.stop(process);
        }
    }

    public int port() {
        return port;
    }

    /** A libpq connection string for {@link #DATABASE} with {@code password}, as a KEDA user writes it. */
    public String connection(String password) {
        return "host=127.0.0.1 port=" + port + " user=" + USER + " dbname=" + DATABASE + " sslmode=disable password=" + password;
    }

    /** Runs statements in {@link #DATABASE} as the administrator. */
    public void execute(String... statements) {
        execute(String.join(";", statements), DATABASE);
    }

    /** PostgreSQL's own answer to {@code query}, a single number. */
    public long count(String query) {
        try (Connection connection = connect(DATABASE); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql, String database) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, properties);
    }
}
