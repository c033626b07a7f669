package dev.tide.scaler.rabbitmq.testing;

import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;
import dev.tide.scaler.external.testing.TestCertificates;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real RabbitMQ node (Debian's {@code rabbitmq-server} 3.10 with its management plugin), started once per JVM as the
 * current user (root in CI) on free loopback ports, with its own node name, Erlang port mapper port, database, logs
 * and Erlang cookie under the build's target folder. AMQP and the management API listen plain and over TLS, with a
 * certificate of a CA minted at start ({@link #authority()}). A shutdown hook stops it ({@code rabbitmqctl stop}, then the
 * process and its port mapper); a node left behind by a killed JVM is killed at the next start.
 *
 * <p>{@link #stopApp()} and {@link #startApp()} stop and start RabbitMQ inside the running node: the listeners close,
 * so clients see a dead server, and the queues are back afterwards.
 */
public final class RabbitMqServer {

    public static final String INSTALL = "apt-get install -y --no-install-recommends rabbitmq-server";
    public static final String USER = "guest";
    public static final String PASSWORD = "guest";

    private static final List<Path> BIN_FOLDERS = List.of(Path.of("/usr/lib/rabbitmq/bin"), Path.of("/usr/sbin"));
    private static RabbitMqServer shared;

    private final Path bin;
    private final Path work;
    private final String node;
    private final Ports ports;
    private final TestCertificates authority;
    private final Map<String, String> environment;
    private final Process process;

    /** The node's listeners: AMQP and the management API, each plain and over TLS. */
    private record Ports(int amqp, int amqps, int management, int managementTls) {
    }

    private RabbitMqServer(Path bin, Path work, String node, Ports ports, TestCertificates authority,
            Map<String, String> environment, Process process) {
        this.bin = bin;
        this.work = work;
        this.node = node;
        this.ports = ports;
        this.authority = authority;
        this.environment = environment;
        this.process = process;
    }

    /**
     * The node of this JVM, started on first use and waited for until it answers.
     *
     * @throws IllegalStateException naming the install command when RabbitMQ is missing: the tests never skip
     */
    public static synchronized RabbitMqServer shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    private static RabbitMqServer start() {
        Path bin = BIN_FOLDERS.stream().filter(folder -> Files.isExecutable(folder.resolve("rabbitmq-server"))
                && Files.isExecutable(folder.resolve("rabbitmqctl"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("rabbitmq-server is not installed; these tests run against "
                        + "a real RabbitMQ node: " + INSTALL));
        try {
            Path base = Files.createDirectories(Path.of(System.getProperty("tide.rabbitmq.work", "target/rabbitmq"))
                    .toAbsolutePath());
            killLeftovers(base);
            long pid = ProcessHandle.current().pid();
            Path work = Files.createDirectories(base.resolve("node-" + pid));
            Ports ports = new Ports(freePort(), freePort(), freePort(), freePort());
            TestCertificates authority = TestCertificates.authority("tide-rabbitmq");
            TestCertificates.Pem serverPem = authority.server();
            Path ca = Files.writeString(work.resolve("ca.pem"), authority.caCertificate());
            Path certificate = Files.writeString(work.resolve("server.pem"), serverPem.certificate());
            Path key = Files.writeString(work.resolve("server.key"), serverPem.key());
            String tls = "cacertfile = " + ca + "\n%1$s.certfile = " + certificate + "\n%1$s.keyfile = " + key;
            Path config = Files.writeString(work.resolve("rabbitmq.conf"), String.join("\n",
                    "listeners.tcp.default = 127.0.0.1:" + ports.amqp(),
                    "listeners.ssl.default = 127.0.0.1:" + ports.amqps(),
                    "ssl_options." + tls.formatted("ssl_options"),
                    "ssl_options.verify = verify_peer",
                    "ssl_options.fail_if_no_peer_cert = false",
                    "management.tcp.ip = 127.0.0.1",
                    "management.tcp.port = " + ports.management(),
                    "management.ssl.ip = 127.0.0.1",
                    "management.ssl.port = " + ports.managementTls(),
                    "management.ssl." + tls.formatted("management.ssl"),
                    "collect_statistics_interval = 1000",
                    "log.console = false",
                    "log.file.level = warning", ""));
            Path plugins = Files.writeString(work.resolve("enabled_plugins"), "[rabbitmq_management].\n");
            String node = "tide-" + pid + "@localhost";
            Map<String, String> environment = new HashMap<>();
            // The Erlang cookie lives in HOME: the node writes it, rabbitmqctl reads it.
            environment.put("HOME", Files.createDirectories(work.resolve("home")).toString());
            environment.put("ERL_EPMD_PORT", Integer.toString(freePort()));
            environment.put("RABBITMQ_NODENAME", node);
            environment.put("RABBITMQ_DIST_PORT", Integer.toString(freePort()));
            environment.put("RABBITMQ_MNESIA_BASE", work.resolve("mnesia").toString());
            environment.put("RABBITMQ_LOG_BASE", work.resolve("log").toString());
            environment.put("RABBITMQ_CONFIG_FILE", config.toString());
            environment.put("RABBITMQ_ENABLED_PLUGINS_FILE", plugins.toString());
            environment.put("RABBITMQ_PID_FILE", work.resolve("pid").toString());
            ProcessBuilder builder = new ProcessBuilder(bin.resolve("rabbitmq-server").toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("server.out").toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            RabbitMqServer server = new RabbitMqServer(bin, work, node, ports, authority, environment, process);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "rabbitmq-stop"));
            server.awaitRunning();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A node of a JVM that was killed before its shutdown hook ran: its pid file is still there. */
    private static void killLeftovers(Path base) throws IOException {
        try (Stream<Path> nodes = Files.list(base)) {
            for (Path folder : nodes.toList()) {
                Path pidFile = folder.resolve("pid");
                if (Files.isRegularFile(pidFile)) {
                    String text = Files.readString(pidFile).trim();
                    if (text.matches("\\d+")) {
                        ProcessHandle.of(Long.parseLong(text)).filter(handle -> handle.info().command()
                                .filter(command -> command.contains("beam")).isPresent()).ifPresent(ProcessHandle::destroyForcibly);
                    }
                    Files.delete(pidFile);
                }
            }
        }
    }

    private void awaitRunning() {
        String output = ctl(Duration.ofSeconds(120), "wait", environment.get("RABBITMQ_PID_FILE"), "--timeout", "110");
        if (!process.isAlive() || !output.contains("are running")) {
            throw new IllegalStateException("rabbitmq-server did not start:\n" + output + "\n" + serverOutput());
        }
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            try (Connection ignored = connection("/")) {
                return true;
            }
        });
    }

    /** {@code amqp://127.0.0.1:<port>/<vhost>} without credentials; the vhost escaped ({@code %2F} for {@code /}). */
    public String amqpUri(String vhost) {
        return "amqp://127.0.0.1:" + ports.amqp() + "/" + escape(vhost);
    }

    /** The same over TLS: the server's certificate (for localhost and 127.0.0.1) is signed by {@link #authority()}. */
    public String amqpsUri(String vhost) {
        return "amqps://127.0.0.1:" + ports.amqps() + "/" + escape(vhost);
    }

    /** {@code http://127.0.0.1:<management port>/<vhost>}, the management API as KEDA's {@code host} names it. */
    public String httpUri(String vhost) {
        return "http://127.0.0.1:" + ports.management() + "/" + escape(vhost);
    }

    /** The same over TLS. */
    public String httpsUri(String vhost) {
        return "https://127.0.0.1:" + ports.managementTls() + "/" + escape(vhost);
    }

    /** {@code http://127.0.0.1:<management port>}. */
    public URI managementBase() {
        return URI.create("http://127.0.0.1:" + ports.management());
    }

    /** The CA of the node's TLS listeners, minted at start; it signs client certificates the node accepts. */
    public TestCertificates authority() {
        return authority;
    }

    /** Runs {@code rabbitmqctl -n <node> <arguments>} and returns its output; fails when it fails. */
    public String ctl(String... arguments) {
        return ctl(Duration.ofSeconds(60), arguments);
    }

    private String ctl(Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>(List.of(bin.resolve("rabbitmqctl").toString(), "-n", node));
        command.addAll(List.of(arguments));
        try {
            Path out = Files.createTempFile(work, "ctl-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            builder.environment().putAll(environment);
            Process ctl = builder.start();
            if (!ctl.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                ctl.destroyForcibly();
                throw new IllegalStateException("rabbitmqctl " + arguments[0] + " took more than " + timeout);
            }
            String output = Files.readString(out);
            Files.delete(out);
            if (ctl.exitValue() != 0) {
                throw new IllegalStateException("rabbitmqctl " + String.join(" ", arguments) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A vhost that {@link #USER} may use fully; nothing happens when it exists. */
    public void addVhost(String vhost) {
        if (!ctl("list_vhosts", "--quiet", "--no-table-headers").lines().toList().contains(vhost)) {
            ctl("add_vhost", vhost);
        }
        ctl("set_permissions", "-p", vhost, USER, ".*", ".*", ".*");
    }

    /** A user with full rights on {@code vhost} who may use the management API. */
    public void addUser(String user, String password, String vhost) {
        if (!ctl("list_users", "--quiet", "--no-table-headers").contains(user + "\t")) {
            ctl("add_user", user, password);
        }
        ctl("set_user_tags", user, "management");
        ctl("set_permissions", "-p", vhost, user, ".*", ".*", ".*");
    }

    /** {@code rabbitmqctl list_queues name messages messages_ready}: per queue, {messages, messages_ready}. */
    public Map<String, long[]> listQueues(String vhost) {
        Map<String, long[]> queues = new HashMap<>();
        for (String line : ctl("list_queues", "-p", vhost, "--quiet", "--no-table-headers", "name", "messages",
                "messages_ready").lines().toList()) {
            String[] columns = line.split("\t");
            if (columns.length == 3) {
                queues.put(columns[0], new long[] {Long.parseLong(columns[1].trim()), Long.parseLong(columns[2].trim())});
            }
        }
        return queues;
    }

    /** A connection as {@link #USER}, for tests that publish and consume. */
    public Connection connection(String vhost) throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(ports.amqp());
        factory.setVirtualHost(vhost);
        factory.setUsername(USER);
        factory.setPassword(PASSWORD);
        factory.setAutomaticRecoveryEnabled(false);
        return factory.newConnection("tide-test");
    }

    /** Declares {@code queue} (durable) afresh, empty, in {@code vhost}. */
    public void recreateQueue(String vhost, String queue) {
        withChannel(vhost, channel -> {
            channel.queueDelete(queue);
            channel.queueDeclare(queue, true, false, false, null);
        });
    }

    /** Publishes {@code count} persistent messages to {@code queue} through the default exchange. */
    public void publish(String vhost, String queue, int count) {
        withChannel(vhost, channel -> {
            for (int i = 0; i < count; i++) {
                channel.basicPublish("", queue, MessageProperties.PERSISTENT_TEXT_PLAIN, ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            channel.confirmSelect();
            channel.waitForConfirmsOrDie(10_000);
        });
    }

    /** Removes every message of {@code queue}. */
    public void purge(String vhost, String queue) {
        withChannel(vhost, channel -> channel.queuePurge(queue));
    }

    /** Something to do with a channel. */
    @FunctionalInterface
    public interface ChannelWork {
        void run(Channel channel) throws Exception;
    }

    public void withChannel(String vhost, ChannelWork work) {
        try (Connection connection = connection(vhost); Channel channel = connection.createChannel()) {
            work.run(channel);
        } catch (Exception e) {
            throw new IllegalStateException("RabbitMQ test setup failed: " + e, e);
        }
    }

    /** Stops RabbitMQ inside the node: every listener closes and clients fail until {@link #startApp()}. */
    public void stopApp() {
        ctl("stop_app");
    }

    /** Starts RabbitMQ again after {@link #stopApp()} and waits until AMQP answers. */
    public void startApp() {
        ctl("start_app");
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            try (Connection ignored = connection("/")) {
                return true;
            }
        });
    }

    private String serverOutput() {
        try {
            return Files.readString(work.resolve("server.out"));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** {@code rabbitmqctl stop}, then the process and the node's own Erlang port mapper. */
    private void stop() {
        try {
            ctl(Duration.ofSeconds(30), "stop");
        } catch (RuntimeException alreadyGone) {
            // The process is ended below in any case.
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        epmd().ifPresent(epmd -> {
            ProcessBuilder kill = new ProcessBuilder(epmd.toString(), "-kill").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            kill.environment().put("ERL_EPMD_PORT", environment.get("ERL_EPMD_PORT"));
            try {
                kill.start().waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                // No port mapper to stop.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static Optional<Path> epmd() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("") + File.pathSeparator + "/usr/bin";
        return Stream.of(path.split(File.pathSeparator)).map(folder -> Path.of(folder, "epmd"))
                .filter(Files::isExecutable).findFirst();
    }

    private static String escape(String vhost) {
        return java.net.URLEncoder.encode(vhost, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
