package dev.tide.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The metrics service started as the chart starts it with {@code logging.format: json}
 * ({@code logging.structured.format.console=logstash}), in a process of its own so that no other test's logging
 * set-up is in the way: every line it writes is one JSON object with the level, the logger and the message.
 */
class JsonLogsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theServiceStartedWithTheChartsJsonSettingWritesOneJsonObjectPerLine() throws Exception {
        Path certs = Files.createTempDirectory("tide-metrics-json-logs");
        TestPki serving = TestPki.authority("tide-serving-ca");
        TestPki controller = TestPki.authority("tide-controller-ca");
        serving.server("tide-metrics-service").writePem(certs, "tls");
        TestPki.authority("front-proxy-ca").writeCertificate(certs, "requestheader-client-ca");
        controller.writeCertificate(certs, "controller-ca");
        controller.client("tide-metrics-service").writePem(certs, "controller-client");

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                MetricsServiceApplication.class.getName(),
                "--logging.structured.format.console=logstash", "--tide.metrics.cert-dir=" + certs,
                "--tide.metrics.controller.endpoints=https://127.0.0.1:1", "--server.port=0", "--management.server.port=0")
                .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try {
            CompletableFuture<Void> started = CompletableFuture.runAsync(() -> readUntilStarted(process, lines));
            started.get(120, TimeUnit.SECONDS);
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        List<String> logLines = lines.stream().filter(l -> !l.startsWith("OpenJDK") && !l.startsWith("Picked up")).toList();
        assertThat(logLines).isNotEmpty().allSatisfy(line -> {
            JsonNode event = JSON.readTree(line);
            assertThat(event.isObject()).as(line).isTrue();
            assertThat(event.path("level").asString()).as(line).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
            assertThat(event.path("logger_name").asString()).as(line).isNotBlank();
            assertThat(event.has("message")).as(line).isTrue();
            assertThat(event.has("@timestamp")).as(line).isTrue();
        });
        assertThat(logLines).anySatisfy(line -> {
            JsonNode event = JSON.readTree(line);
            assertThat(event.path("logger_name").asString()).isEqualTo(MetricsServiceApplication.class.getName());
            assertThat(event.path("message").asString()).startsWith("Started MetricsServiceApplication");
            assertThat(event.path("level").asString()).isEqualTo("INFO");
        });
    }

    private static void readUntilStarted(Process process, List<String> lines) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
                if (line.contains("Started MetricsServiceApplication")) {
                    return;
                }
            }
            throw new AssertionError("the metrics service stopped before it started:\n" + String.join("\n", lines));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
