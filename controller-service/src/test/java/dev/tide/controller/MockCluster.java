package dev.tide.controller;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * One fabric8 mock API server per test JVM, in CRUD mode with Tide's CRDs from helm/tide/files/crds/ registered (so the
 * status subresource and generations behave as on a real API server), plus a capture of every log line.
 */
public final class MockCluster {

    private static final Map<ServerRequest, Queue<ServerResponse>> EXPECTATIONS = new HashMap<>();
    static final KubernetesMockServer SERVER = new KubernetesMockServer(new Context(), new MockWebServer(), EXPECTATIONS,
            new KubernetesMixedDispatcher(EXPECTATIONS), false);
    public static final NamespacedKubernetesClient CLIENT;
    static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();

    static {
        captureLogs();
        CLIENT = start(SERVER);
    }

    /** Starts a mock server and returns a client of it without retries, Tide's CRDs registered. */
    static NamespacedKubernetesClient start(KubernetesMockServer server) {
        NamespacedKubernetesClient client = startEmpty(server);
        tideCrds(client).forEach(crd -> client.apiextensions().v1().customResourceDefinitions().resource(crd).create());
        return client;
    }

    /** Starts a mock server and returns a client of it without retries; no CRD registered yet. */
    static NamespacedKubernetesClient startEmpty(KubernetesMockServer server) {
        server.init();
        // No retries: a failure test must see the failure, not a retry that hides it.
        return server.createClient(b -> b.withConfig(new io.fabric8.kubernetes.client.ConfigBuilder(Config.empty())
                .withMasterUrl(server.url("/"))
                .withNamespace("default")
                .withTrustCerts(true)
                .withRequestRetryBackoffLimit(0)
                .build()));
    }

    /** Tide's CRDs as the chart installs them, from helm/tide/files/crds/. */
    static List<CustomResourceDefinition> tideCrds(NamespacedKubernetesClient client) {
        try (Stream<Path> crds = Files.list(Path.of("..", "helm", "tide", "files", "crds"))) {
            List<CustomResourceDefinition> result = new java.util.ArrayList<>();
            for (Path file : crds.sorted().toList()) {
                result.add(client.getKubernetesSerialization().unmarshal(Files.readString(file), CustomResourceDefinition.class));
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MockCluster() {
    }

    /**
     * Attaches the capture to the root logger. Spring Boot resets logging when a context starts, so the test
     * context calls this again once logging is set up.
     */
    static void captureLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        // Boot's reset also stops the appenders it detaches.
        if (!LOGS.isStarted()) {
            LOGS.start();
        }
        if (root.getAppender("tide-test-capture") == null) {
            LOGS.setName("tide-test-capture");
            root.addAppender(LOGS);
        }
    }

    /** How many lines loggers whose name starts with the prefix have written so far. */
    static int lineCount(String loggerPrefix) {
        synchronized (LOGS) {
            return (int) LOGS.list.stream().filter(e -> e.getLoggerName().startsWith(loggerPrefix)).count();
        }
    }

    /**
     * Every captured log line as Spring Boot's structured console encoder writes it with
     * {@code logging.structured.format.console=<format>} (the chart's {@code logging.format: json} is {@code logstash}):
     * one JSON object per line, stack trace included.
     */
    static List<String> structuredLogLines(String format) {
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        encoder.setFormat(format);
        encoder.start();
        try {
            synchronized (LOGS) {
                return LOGS.list.stream().map(e -> new String(encoder.encode(e), StandardCharsets.UTF_8).strip()).toList();
            }
        } finally {
            encoder.stop();
        }
    }

    /** Every captured log line, formatted, with its stack trace. */
    static List<String> logLines() {
        synchronized (LOGS) {
            return LOGS.list.stream()
                    .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy())))
                    .toList();
        }
    }
}
