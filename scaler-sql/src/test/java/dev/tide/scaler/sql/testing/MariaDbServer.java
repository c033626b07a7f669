package dev.tide.scaler.sql.testing;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real MariaDB 10.11 (Debian's {@code mariadb-server} package; it speaks the MySQL protocol) started once per JVM on
 * a free 127.0.0.1 port, with user {@value #USER} (password {@link #PASSWORD}) owning a database {@value #DATABASE}
 * that holds a {@code jobs} table. Stopped by a shutdown hook. As root (CI) it is told to run as root; its data is
 * under {@code target/sql}, its socket under {@code /tmp} (a socket path is limited to 107 characters).
 */
public final class MariaDbServer {

    public static final String INSTALL = "apt-get install -y --no-install-recommends mariadb-server";
    public static final String USER = "tide";
    public static final String DATABASE = "jobs";
    /** A distinctive value: tests assert it appears in no message. */
    public static final String PASSWORD = "canary-maria-4e1b8d";

    private static final Path SERVER = Path.of("/usr/sbin/mariadbd");
    private static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");
    private static MariaDbServer shared;

    private final Path folder;
    private final Path socket;
    private final int port;
    private Process process;

    private MariaDbServer(Path folder, Path socket, int port) {
        this.folder = folder;
        this.socket = socket;
        this.port = port;
    }

    /** The server of this JVM, started on first use with an empty {@code jobs} table. */
    public static synchronized MariaDbServer shared() {
        if (shared == null) {
            LocalProcess.binary(SERVER, INSTALL);
            LocalProcess.binary(INSTALL_DB, INSTALL);
            Path folder = LocalProcess.folder(Path.of(System.getProperty("tide.sql.work", "target/sql")).toAbsolutePath(), "mariadb-");
            MariaDbServer server = new MariaDbServer(folder, LocalProcess.folder(Path.of("/tmp"), "tide-mariadb-").resolve("sock"),
                    LocalProcess.freePort());
            List<String> install = new ArrayList<>(List.of(INSTALL_DB.toString(), "--no-defaults",
                    "--datadir=" + folder.resolve("data"), "--auth-root-authentication-method=socket", "--skip-test-db"));
            if (LocalProcess.root()) {
                install.add("--user=root");
            }
            LocalProcess.run(install, folder.resolve("install.log"));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.stop();
                LocalProcess.delete(server.socket.getParent());
            }));
            server.administer("CREATE DATABASE " + DATABASE, "CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'",
                    "GRANT ALL ON " + DATABASE + ".* TO '" + USER + "'@'%'",
                    "CREATE TABLE " + DATABASE + ".jobs (id int AUTO_INCREMENT PRIMARY KEY, state varchar(16) NOT NULL DEFAULT 'queued')");
            shared = server;
        }
        return shared;
    }

    /** Starts the server (again, after {@link #stop}) on the same port and data, and waits until it answers. */
    public synchronized void start() {
        List<String> command = new ArrayList<>(List.of(SERVER.toString(), "--no-defaults", "--datadir=" + folder.resolve("data"),
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + socket, "--pid-file=" + folder.resolve("pid"),
                "--skip-log-bin", "--innodb-buffer-pool-size=16M", "--max-connections=1200",
                "--log-error=" + folder.resolve("error.log")));
        if (LocalProcess.root()) {
            command.add("--user=root");
        }
        process = LocalProcess.start(command, folder.resolve("mariadbd.log"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("mariadbd exited:\n" + Files.readString(folder.resolve("error.log")));
            }
            try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
                return Files.exists(socket);
            }
        });
    }

    /** Stops the server (SIGTERM: a clean shutdown), so reads fail until {@link #start}. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            LocalProcess.stop(process);
        }
    }

    public int port() {
        return port;
    }

    /** A Go driver DSN for {@link #DATABASE} with {@code password}, as a KEDA user writes it. */
    public String dsn(String password) {
        return USER + ":" + password + "@tcp(127.0.0.1:" + port + ")/" + DATABASE;
    }

    /** Runs statements as {@link #USER} in {@link #DATABASE}. */
    public void execute(String... statements) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** MariaDB's own answer to {@code query}, a single number. */
    public long count(String query) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * As the administrator over the Unix socket, with the {@code mariadb} client: {@code unix_socket} authentication lets
     * the operating-system user who ran {@code mariadb-install-db} in as the MariaDB user of the same name.
     */
    private void administer(String... statements) {
        LocalProcess.run(List.of("mariadb", "--no-defaults", "-u" + System.getProperty("user.name"), "--socket=" + socket, "-e", String.join(";", statements)),
                folder.resolve("admin.log"));
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/" + DATABASE + "?sslMode=disable",
                USER, PASSWORD);
    }
}
